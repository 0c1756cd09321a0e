import picomatch from 'picomatch';
import type { DocOutline } from './outline';
import type { DesignDocSettings } from './settings';

/**
 * A Markdown file is a design doc when its header carries a metadata line of
 * the template, which recognises untitled and misplaced docs by what they say,
 * or when its path matches `include` and it looks like a doc: numbered
 * (`NN-…`) or with a section of the template. So a README.md beside the docs is
 * not one. `exclude` wins over both.
 *
 * @param relativePath workspace-relative path with `/` separators; undefined for untitled docs.
 */
export function isDesignDoc(doc: DocOutline, relativePath: string | undefined, settings: DesignDocSettings): boolean {
	if (relativePath !== undefined && matches(relativePath, settings.exclude)) {
		return false;
	}
	if (doc.metadata.some((item) => item.key !== undefined)) {
		return true;
	}
	const fileName = relativePath?.split('/').pop() ?? '';
	return (
		relativePath !== undefined &&
		isIncluded(relativePath, settings) &&
		(/^\d+-/.test(fileName) || doc.sections.some((section) => section.template !== undefined))
	);
}

/** Path-only half of the test, for deciding which files are worth reading at all. */
export function isExcluded(relativePath: string, settings: DesignDocSettings): boolean {
	return matches(relativePath, settings.exclude);
}

export function isIncluded(relativePath: string, settings: DesignDocSettings): boolean {
	return matches(relativePath, settings.include);
}

/** Compiled globs per list: compiling costs more than the rest of a keystroke's rules. */
const matchers = new Map<string, (path: string) => boolean>();

function matches(path: string, globs: readonly string[]): boolean {
	if (globs.length === 0) {
		return false;
	}
	const key = globs.join('\n');
	let matcher = matchers.get(key);
	if (!matcher) {
		matcher = picomatch(globs as string[], { dot: true });
		matchers.set(key, matcher);
	}
	return matcher(path);
}
