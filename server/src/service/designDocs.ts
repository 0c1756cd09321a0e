import picomatch from 'picomatch';
import type { DocOutline } from './outline';
import type { DesignDocSettings } from './settings';

/**
 * A Markdown file is a design doc when its path matches `include` (and not
 * `exclude`), or when its header carries a metadata line of the template,
 * which recognises untitled and misplaced docs by what they say.
 *
 * @param relativePath workspace-relative path with `/` separators; undefined for untitled docs.
 */
export function isDesignDoc(doc: DocOutline, relativePath: string | undefined, settings: DesignDocSettings): boolean {
	if (relativePath !== undefined && matches(relativePath, settings.exclude)) {
		return false;
	}
	if (relativePath !== undefined && matches(relativePath, settings.include)) {
		return true;
	}
	return doc.metadata.some((item) => item.key !== undefined);
}

/** Path-only half of the test, for deciding which files are worth reading at all. */
export function isExcluded(relativePath: string, settings: DesignDocSettings): boolean {
	return matches(relativePath, settings.exclude);
}

function matches(path: string, globs: readonly string[]): boolean {
	return globs.length > 0 && picomatch.isMatch(path, globs as string[], { dot: true });
}
