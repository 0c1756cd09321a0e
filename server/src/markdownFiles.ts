import type { Connection } from 'vscode-languageserver';
import { isInsideUri, relativeTo } from './files/confine';
import type { FileSystem } from './files/fileSystem';
import { findFilesRequest } from './protocol';
import { isExcluded } from './service/designDocs';
import type { DesignDocSettings } from './service/settings';
import { joinPath, parentOf } from './templates';

/**
 * The files under a workspace folder (a URI) that may be design docs, as URIs.
 * The index still checks each one's name against the `exclude` globs and reads it.
 */
export type MarkdownFinder = (root: string, settings: DesignDocSettings) => Promise<string[]>;

/** Never searched: no design doc lives in them, and they are huge. */
export const skippedFolders = ['node_modules', '.git'];

/**
 * Every Markdown file, found by walking the folder through `fs` (node:fs for
 * `file:` folders). A folder reached through a link is entered only when it
 * stays inside the workspace folder, and only once: no loops.
 */
export function walkFinder(fs: FileSystem): MarkdownFinder {
	return async (root, settings) => {
		const realRoot = (await fs.realUri(root)) ?? root;
		const seen = new Set<string>();
		const walk = async (folder: string): Promise<string[]> => {
			const real = await fs.realUri(folder);
			if (real === undefined || !isInsideUri(real, realRoot) || seen.has(real)) {
				return [];
			}
			seen.add(real);
			const files: string[] = [];
			for (const [name, kind] of await fs.readDirectory(folder)) {
				const uri = joinPath(folder, name);
				if (kind === 'directory' && !skippedFolders.includes(name) && !isExcluded(`${relativeTo(uri, root)}/`, settings)) {
					files.push(...(await walk(uri)));
				} else if (kind === 'file' && /\.md$/i.test(name)) {
					files.push(uri);
				}
			}
			return files;
		};
		return walk(root);
	};
}

/**
 * Candidates found by the editor's own file search (`workspace.findFiles`,
 * asked of the client), not by walking a tree request by request, which on a
 * virtual workspace (github.dev) means one slow request per folder: the files
 * the `include` globs name, and the Markdown files beside a template file.
 * Other Markdown files, that only their header makes design docs, are found
 * when they are opened.
 */
export function editorFinder(connection: Pick<Connection, 'sendRequest'>): MarkdownFinder {
	const exclude = skippedFolders.map((name) => `**/${name}/**`);
	const find = (folder: string, include: readonly string[]) => connection.sendRequest(findFilesRequest, { folder, include, exclude }).catch(() => [] as string[]);
	return async (root, settings) => {
		const [included, templates] = await Promise.all([find(root, settings.include), find(root, [`**/${globEscape(settings.templateFileName)}`])]);
		const beside = await Promise.all([...new Set(templates.map(parentOf))].map((folder) => find(folder, ['*.md'])));
		return [...new Set([...included, ...templates, ...beside.flat()])].filter((uri) => /\.md$/i.test(uri));
	};
}

/** A file name as a glob that matches only it. */
function globEscape(name: string): string {
	return name.replace(/[*?[\]{}]/g, (character) => `[${character}]`);
}

/** `file:` folders walked through node:fs; any other scheme searched by the editor. */
export function byFolderScheme(local: MarkdownFinder, editor: MarkdownFinder): MarkdownFinder {
	return (root, settings) => (root.startsWith('file:') ? local(root, settings) : editor(root, settings));
}
