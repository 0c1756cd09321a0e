import { Disposable, FileStat as VsFileStat, FileSystemError, FileType, RelativePattern, Uri, workspace } from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { type FileKind, type FileStat, type ReadResult, tooBig, unknownLinkTarget } from '../../server/src/files/fileSystem';
import { fileStatRequest, findFilesRequest, readDirectoryRequest, readTextRequest, realUriRequest } from '../../server/src/protocol';

/**
 * Answers the server's file requests through `vscode.workspace.fs`, so it reads
 * workspaces of any scheme, also where it has no file system of its own (in
 * VS Code for the Web it runs in a browser worker). The same rules as the
 * server's `node:fs` reads: regular files only, capped. `workspace.fs` cannot
 * say where a symbolic link leads, so a path through one has no known real URI,
 * and confinement treats it as leading outside the workspace.
 */
export function serveWorkspaceFiles(client: BaseLanguageClient): Disposable {
	const handlers = [
		client.onRequest(fileStatRequest, async ({ uri }) => {
			const stat = await statOf(Uri.parse(uri));
			return stat ? ({ kind: kindOf(stat.type), size: stat.size, mtime: stat.mtime } satisfies FileStat) : null;
		}),
		client.onRequest(readDirectoryRequest, async ({ uri }) => {
			try {
				const entries = await workspace.fs.readDirectory(Uri.parse(uri));
				return entries.map(([name, type]): [string, FileKind] => [name, kindOf(type)]);
			} catch {
				return [];
			}
		}),
		client.onRequest(readTextRequest, ({ uri, maxBytes }) => readText(Uri.parse(uri), maxBytes)),
		client.onRequest(realUriRequest, ({ uri }) => realUri(Uri.parse(uri))),
		client.onRequest(findFilesRequest, async ({ folder, include, exclude }) => {
			const base = Uri.parse(folder);
			const excluded = exclude.length > 0 ? new RelativePattern(base, braces(exclude)) : undefined;
			// One search per glob: globs in braces may not nest.
			const found = await Promise.all(include.map((glob) => workspace.findFiles(new RelativePattern(base, glob), excluded)));
			return [...new Set(found.flat().map((uri) => uri.toString()))];
		}),
	];
	return Disposable.from(...handlers);
}

async function readText(uri: Uri, maxBytes: number): Promise<ReadResult> {
	const stat = await statOf(uri);
	if (!stat) {
		return { problem: 'it does not exist' };
	}
	if (stat.type & FileType.Directory) {
		return { problem: 'it is a folder' };
	}
	if (!(stat.type & FileType.File)) {
		return { problem: 'it is not a regular file' };
	}
	if (stat.size > maxBytes) {
		return { problem: tooBig(stat.size, maxBytes) };
	}
	let bytes: Uint8Array;
	try {
		bytes = await workspace.fs.readFile(uri);
	} catch (error) {
		return { problem: describe(error) };
	}
	// The size may have been wrong, or the file grew since.
	if (bytes.byteLength > maxBytes) {
		return { problem: tooBig(bytes.byteLength, maxBytes) };
	}
	return { text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes), stamp: `${stat.size}:${stat.mtime}` };
}

/**
 * The URI itself when nothing on its way is a link: the file and every folder
 * above it, below its workspace folder (which the user opened as it is), or up
 * to the root outside any.
 */
async function realUri(uri: Uri): Promise<string | null> {
	const root = workspace.getWorkspaceFolder(uri)?.uri.path ?? '';
	const chain = [uri];
	for (let parent = Uri.joinPath(uri, '..'); parent.path.length > root.length && parent.path !== chain.at(-1)!.path; parent = Uri.joinPath(parent, '..')) {
		chain.push(parent);
	}
	const stats = await Promise.all(chain.map(statOf));
	if (!stats[0]) {
		return null;
	}
	const isLink = (stat: VsFileStat | undefined, index: number) => stat !== undefined && (stat.type & FileType.SymbolicLink) !== 0 && chain[index]!.path.length > root.length;
	return stats.some(isLink) ? unknownLinkTarget : uri.toString();
}

async function statOf(uri: Uri): Promise<VsFileStat | undefined> {
	try {
		return await workspace.fs.stat(uri);
	} catch {
		return undefined;
	}
}

/** Links report what they point to, as `FileSystem.stat` promises. */
function kindOf(type: FileType): FileKind {
	return type & FileType.Directory ? 'directory' : type & FileType.File ? 'file' : 'other';
}

function braces(globs: readonly string[]): string {
	return globs.length === 1 ? globs[0]! : `{${globs.join(',')}}`;
}

function describe(error: unknown): string {
	if (error instanceof FileSystemError) {
		switch (error.code) {
			case 'FileNotFound':
				return 'it does not exist';
			case 'NoPermissions':
				return 'permission denied';
			case 'FileIsADirectory':
				return 'it is a folder';
		}
	}
	return error instanceof Error ? error.message : String(error);
}
