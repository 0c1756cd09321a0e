import { readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import bundledTemplateText from '../templates/kpt-design-doc-template.md';
import { scanHeadings } from './service/lineScan';
import type { DesignDocSettings } from './service/settings';
import type { TemplateSource } from './service/templateModels';

/** The template a doc is checked against, and why, for messages. */
export interface ResolvedTemplate extends TemplateSource {
	/** Absolute path of the template file; undefined for the bundled template. */
	readonly path: string | undefined;
	/** Set when a configured or discovered template could not be used and the bundled one stands in. */
	readonly problem?: string;
	/** The unusable template file, when it exists: the problem is shown on it too. */
	readonly problemFile?: string;
}

/** Templates bigger than this are not templates; reading them would only cost memory. */
const maxTemplateBytes = 1024 * 1024;

export const bundledTemplate: ResolvedTemplate = {
	key: 'bundled',
	text: bundledTemplateText,
	source: 'the bundled kpt template',
	path: undefined,
};

/**
 * Reads and parses template files, re-reading one only when its size or
 * modification time changed, so resolving per keystroke costs a `stat`.
 */
export class TemplateCache {
	private readonly entries = new Map<string, { stamp: string; template: ResolvedTemplate }>();

	/**
	 * The template for a doc: the `template` setting (relative to the root),
	 * else a `templateFileName` in the doc's folder or the nearest ancestor up to
	 * `root`, else the bundled kpt template.
	 */
	resolve(docPath: string | undefined, root: string | undefined, settings: DesignDocSettings, explicit?: string): ResolvedTemplate {
		if (explicit) {
			// Named on the command line by the user running it: trusted as given.
			return this.load(explicit);
		}
		if (settings.template) {
			const checked = confine(settings.template, root ?? process.cwd());
			return 'problem' in checked ? { ...bundledTemplate, problem: checked.problem } : this.load(checked.path);
		}
		const found = docPath ? findUpwards(dirname(docPath), root, settings.templateFileName) : undefined;
		return found ? this.load(found) : bundledTemplate;
	}

	/** Forget a file, after the client reports it changed. */
	invalidate(path: string): void {
		this.entries.delete(path);
	}

	private load(path: string): ResolvedTemplate {
		let stamp: string;
		try {
			const stats = statSync(path);
			if (!stats.isFile()) {
				return fallback(path, 'it is not a file');
			}
			if (stats.size > maxTemplateBytes) {
				return fallback(path, `it is ${Math.round(stats.size / 1024)} KB, more than the ${maxTemplateBytes / 1024} KB a template may have`);
			}
			stamp = `${stats.size}:${stats.mtimeMs}`;
		} catch (error) {
			return fallback(path, describeError(error), false);
		}
		const cached = this.entries.get(path);
		if (cached?.stamp === stamp) {
			return cached.template;
		}
		const template = readTemplate(path, stamp);
		this.entries.set(path, { stamp, template });
		return template;
	}
}

/**
 * A workspace's settings are not to be trusted with the file system: the
 * `designDoc.template` setting must name a `.md` file inside the workspace
 * folder, also once symbolic links are followed.
 */
function confine(setting: string, root: string): { path: string } | { problem: string } {
	const refuse = (why: string) => ({
		problem: `Cannot use the template "${setting}" from the designDoc.template setting: ${why}. Using the bundled kpt template instead.`,
	});
	if (!/\.md$/i.test(setting)) {
		return refuse('a template must be a Markdown file ending in .md');
	}
	const path = resolve(root, setting);
	if (!isInside(path, root)) {
		return refuse('it is outside the workspace folder');
	}
	try {
		if (!isInside(realpathSync(path), realpathSync(root))) {
			return refuse('it is a link to a file outside the workspace folder');
		}
	} catch (error) {
		return refuse(describeError(error));
	}
	return { path };
}

function readTemplate(path: string, stamp: string): ResolvedTemplate {
	let text: string;
	try {
		text = readFileSync(path, 'utf8');
	} catch (error) {
		return fallback(path, describeError(error));
	}
	if (text.includes('\u0000')) {
		return fallback(path, 'it is not a text file');
	}
	if (text.trim() === '') {
		return fallback(path, 'it is empty');
	}
	// Parsing is the worker's job; a line scan is enough to tell a template from anything else.
	if (!scanHeadings(text).some((heading) => heading.depth === 2)) {
		return fallback(path, 'it has no `##` section headings');
	}
	return { key: `${path}@${stamp}`, text, source: path, path };
}

function fallback(path: string, reason: string, exists = true): ResolvedTemplate {
	return {
		...bundledTemplate,
		problem: `Cannot use the template ${path}: ${reason}. Using the bundled kpt template instead.`,
		...(exists ? { problemFile: path } : {}),
	};
}

function findUpwards(folder: string, root: string | undefined, fileName: string): string | undefined {
	for (let current = folder; ; current = dirname(current)) {
		const candidate = join(current, fileName);
		try {
			if (statSync(candidate).isFile()) {
				return candidate;
			}
		} catch {
			// Not here; look one folder up.
		}
		const parent = dirname(current);
		if (parent === current || (root !== undefined && !isInside(parent, root))) {
			return undefined;
		}
	}
}

export function isInside(path: string, root: string): boolean {
	const rel = relative(root, path);
	return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

export function describeError(error: unknown): string {
	const code = (error as NodeJS.ErrnoException | undefined)?.code;
	switch (code) {
		case 'ENOENT':
			return 'it does not exist';
		case 'EACCES':
		case 'EPERM':
			return 'permission denied';
		case 'EISDIR':
			return 'it is a folder';
		default:
			return error instanceof Error ? error.message : String(error);
	}
}
