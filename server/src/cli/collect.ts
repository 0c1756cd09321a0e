import type { Stats } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describeError } from '../files/nodeFileSystem';
import { UsageError } from './options';

/** A Markdown file to check; `explicit` when named on the command line (then checked even if it does not look like a design doc). */
export interface DocFile {
	readonly path: string;
	readonly explicit: boolean;
}

/** A folder named on the command line: an error unless some design doc is found in it. */
export interface FolderInput {
	readonly arg: string;
	readonly path: string;
}

const skippedFolders = new Set(['node_modules', '.git']);

export function isMarkdownFileName(name: string): boolean {
	return /\.(md|markdown)$/i.test(name);
}

/**
 * The Markdown files under the paths given, in a stable order (each folder's
 * entries by name), each once. Named files must be regular Markdown files:
 * anything else is a usage error, since reading a FIFO or a device would hang
 * or never end. A path that does not exist, or a folder with no Markdown, is
 * one too unless `errorOnUnmatched` is off.
 */
export async function collectFiles(inputs: readonly string[], cwd: string, errorOnUnmatched: boolean): Promise<{ files: DocFile[]; folders: FolderInput[] }> {
	const files = new Map<string, boolean>();
	const folders: FolderInput[] = [];
	for (const arg of inputs) {
		const path = resolve(cwd, arg);
		let stats: Stats;
		try {
			stats = await stat(path);
		} catch (error) {
			if (errorOnUnmatched || (error as NodeJS.ErrnoException).code !== 'ENOENT') {
				throw new UsageError(`cannot read ${arg}: ${describeError(error)}.`);
			}
			continue;
		}
		if (stats.isDirectory()) {
			const found = await walk(path);
			if (found.length === 0 && errorOnUnmatched) {
				throw new UsageError(`no Markdown files in ${arg}.`);
			}
			for (const file of found) {
				if (!files.has(file)) {
					files.set(file, false);
				}
			}
			folders.push({ arg, path });
		} else if (!stats.isFile()) {
			throw new UsageError(`cannot read ${arg}: it is ${specialKind(stats)}, not a regular file.`);
		} else if (!isMarkdownFileName(path)) {
			throw new UsageError(`${arg} is not a Markdown file (.md): design docs are Markdown.`);
		} else {
			files.set(path, true);
		}
	}
	return { files: [...files].map(([path, explicit]) => ({ path, explicit })), folders };
}

function specialKind(stats: Stats): string {
	return stats.isFIFO() ? 'a named pipe (FIFO)' : stats.isSocket() ? 'a socket' : 'a device';
}

/** Regular Markdown files only: links are not followed, so a link cannot make the walk loop or leave the folder. */
async function walk(folder: string): Promise<string[]> {
	let entries;
	try {
		entries = await readdir(folder, { withFileTypes: true });
	} catch (error) {
		throw new UsageError(`cannot read the folder ${folder}: ${describeError(error)}.`);
	}
	const found: string[] = [];
	for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
		const path = join(folder, entry.name);
		if (entry.isDirectory()) {
			if (!skippedFolders.has(entry.name)) {
				found.push(...(await walk(path)));
			}
		} else if (entry.isFile() && isMarkdownFileName(entry.name)) {
			found.push(path);
		}
	}
	return found;
}
