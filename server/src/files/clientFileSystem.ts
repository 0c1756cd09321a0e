import type { Connection } from 'vscode-languageserver';
import { fileStatRequest, readDirectoryRequest, readTextRequest, realUriRequest } from '../protocol';
import type { FileSystem } from './fileSystem';

/**
 * The workspace as the editor sees it: every read is a request the client
 * answers through `vscode.workspace.fs` (client/src/workspaceFiles.ts), so it
 * works on any scheme the editor can open, and in a browser. A request that
 * fails (the client went away) reads as nothing there.
 */
export function clientFileSystem(connection: Pick<Connection, 'sendRequest'>): FileSystem {
	const ask = <T>(request: Promise<T>, fallback: T) => request.catch(() => fallback);
	return {
		stat: async (uri) => (await ask(connection.sendRequest(fileStatRequest, { uri }), null)) ?? undefined,
		readDirectory: (uri) => ask(connection.sendRequest(readDirectoryRequest, { uri }), []),
		readText: (uri, maxBytes) => connection.sendRequest(readTextRequest, { uri, maxBytes }).catch((error: unknown) => ({ problem: `the editor could not read it (${String(error)})` })),
		realUri: async (uri) => (await ask(connection.sendRequest(realUriRequest, { uri }), null)) ?? undefined,
	};
}

/** `file:` URIs through `local` (node:fs, where there is one), every other scheme through `editor`. */
export function byScheme(local: FileSystem, editor: FileSystem): FileSystem {
	const pick = (uri: string) => (uri.startsWith('file:') ? local : editor);
	return {
		stat: (uri) => pick(uri).stat(uri),
		readDirectory: (uri) => pick(uri).readDirectory(uri),
		readText: (uri, maxBytes) => pick(uri).readText(uri, maxBytes),
		realUri: (uri) => pick(uri).realUri(uri),
	};
}
