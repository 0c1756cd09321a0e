import { isAbsolute, relative } from 'node:path';

/** True when `path` is `root` or below it, compared as written (links are the caller's concern). */
export function isInside(path: string, root: string): boolean {
	const rel = relative(root, path);
	return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}
