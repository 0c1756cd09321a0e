import type { CheckReply } from './worker/messages';

/** Where the cache lives: a file under the extension's storage, which the client names. */
export interface CacheStore {
	load(): Promise<string | undefined>;
	save(text: string): Promise<void>;
}

/** Bump when what a status holds, or how it is worked out, changes: older files are dropped. */
const format = 1;

interface CacheFile {
	readonly format: number;
	/** The extension's version: rules change between versions, and so do statuses. */
	readonly version: string;
	/** Key → the check's reply (diagnostics kept only for the workspace's Problems). */
	readonly statuses: Record<string, CheckReply>;
}

/**
 * Review statuses of the workspace's files from an earlier run, by key: the
 * hash of everything a status depends on (the file's text, its path, the
 * template's text, the settings that can change a status). A warm start reads
 * each file once, hashes it and parses none that did not change. Only keys
 * used in this run are written back, so the file does not grow with history.
 */
export class StatusCache {
	private earlier = new Map<string, CheckReply>();
	private readonly used = new Map<string, CheckReply>();
	private dirty = false;

	constructor(
		private readonly store: CacheStore | undefined,
		private readonly version: string,
	) {}

	/** Reads the file of an earlier run; a missing, broken or outdated file is an empty cache. */
	async load(): Promise<void> {
		const text = await this.store?.load().catch(() => undefined);
		this.used.clear();
		this.earlier = new Map();
		this.dirty = false;
		if (!text) {
			return;
		}
		try {
			const file = JSON.parse(text) as CacheFile;
			if (file.format === format && file.version === this.version && typeof file.statuses === 'object' && file.statuses !== null) {
				this.earlier = new Map(Object.entries(file.statuses));
			}
		} catch {
			// Broken: start over.
		}
	}

	/** The reply stored under `key`, or undefined (not known). */
	get(key: string): CheckReply | undefined {
		const status = this.used.get(key) ?? this.earlier.get(key);
		if (status !== undefined) {
			this.used.set(key, status);
		}
		return status;
	}

	/** A new pass over the workspace begins: what it does not use is dropped at the next `save`. */
	sweep(): void {
		for (const [key, status] of this.used) {
			this.earlier.set(key, status);
		}
		this.used.clear();
	}

	set(key: string, status: CheckReply): void {
		this.used.set(key, status);
		this.dirty = true;
	}

	/** Writes the keys used since `load`, when anything was added or dropped. */
	async save(): Promise<void> {
		if (!this.store || (!this.dirty && this.used.size === this.earlier.size)) {
			return;
		}
		const file: CacheFile = { format, version: this.version, statuses: Object.fromEntries(this.used) };
		await this.store.save(JSON.stringify(file));
		this.earlier = new Map(this.used);
		this.dirty = false;
	}
}

/**
 * The cache key of a text in a context (its path, template, settings): SHA-256,
 * hex, through Web Crypto, so the browser build hashes the same way.
 */
export async function statusKey(context: unknown, text: string): Promise<string> {
	// JSON escapes U+0000: the first one ends the context, whatever the text holds.
	const bytes = new TextEncoder().encode(`${JSON.stringify(context)}\u0000${text}`);
	const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
	return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
