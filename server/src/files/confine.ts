import type { FileSystem } from './fileSystem';

/**
 * A workspace is untrusted input: a path it names (in a setting, in
 * `.designdocrc.json`, or as an auto-detected template that is a symbolic
 * link) is used only when it stays inside the workspace folder, both as
 * written and once every link is followed. On schemes without links the
 * second check sees the same URI and repeats the first.
 */
export async function confine(fs: FileSystem, uri: string, root: string): Promise<{ uri: string } | { problem: string }> {
	if (!isInsideUri(uri, root)) {
		return { problem: 'it is outside the workspace folder' };
	}
	const [real, realRoot] = await Promise.all([fs.realUri(uri), fs.realUri(root)]);
	if (real === undefined) {
		return { problem: 'it does not exist' };
	}
	if (!isInsideUri(real, realRoot ?? root)) {
		return { problem: 'it is a link to a file outside the workspace folder' };
	}
	return { uri: real };
}

/** True when `uri` is `root` or below it: same scheme and authority, and a path under the root's (after `.` and `..` are resolved). */
export function isInsideUri(uri: string, root: string): boolean {
	const a = splitUri(uri);
	const b = splitUri(root);
	if (!a || !b || a.base !== b.base) {
		return false;
	}
	const rootSegments = b.segments;
	return rootSegments.every((segment, index) => a.segments[index] === segment);
}

/**
 * `uri`'s path below `root`, with `/` separators, as globs expect
 * (`docs/01-a.md`); undefined when it is not inside.
 */
export function relativeTo(uri: string, root: string): string | undefined {
	const a = splitUri(uri);
	const b = splitUri(root);
	if (!a || !b || !isInsideUri(uri, root)) {
		return undefined;
	}
	return a.segments.slice(b.segments.length).join('/');
}

function splitUri(uri: string): { base: string; segments: string[] } | undefined {
	const match = /^([a-zA-Z][\w+.-]*:\/\/[^/]*)(\/[^?#]*)?/.exec(uri);
	if (!match) {
		return undefined;
	}
	const segments: string[] = [];
	for (const raw of (match[2] ?? '/').split('/')) {
		let segment: string;
		try {
			segment = decodeURIComponent(raw);
		} catch {
			return undefined;
		}
		if (segment === '' || segment === '.') {
			continue;
		}
		if (segment === '..') {
			segments.pop();
		} else {
			segments.push(segment);
		}
	}
	return { base: match[1]!.toLowerCase(), segments };
}

/**
 * For a file or folder about to be created: `uri` must be inside `root` as
 * written, and its nearest existing ancestor must be too once links are
 * followed, so a link in the workspace cannot point the new file elsewhere.
 */
export async function confineNew(fs: FileSystem, uri: string, root: string, parentOf: (uri: string) => string): Promise<{ uri: string } | { problem: string }> {
	if (!isInsideUri(uri, root)) {
		return { problem: 'it is outside the workspace folder' };
	}
	const realRoot = (await fs.realUri(root)) ?? root;
	for (let current = uri; ; ) {
		const real = await fs.realUri(current);
		if (real !== undefined) {
			return isInsideUri(real, realRoot) ? { uri } : { problem: 'it is reached through a link to a folder outside the workspace folder' };
		}
		const parent = parentOf(current);
		if (parent === current) {
			return { problem: 'none of its folders exists' };
		}
		current = parent;
	}
}
