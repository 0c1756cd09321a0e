// The language server as a Node process (dist/server.js, through serverMain.ts): for VS Code's
// Node extension host, other editors and the tests. With no transport argument,
// vscode-languageserver reads it from argv: `--node-ipc` from the VS Code client, `--stdio` for
// tests and other editors.
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { ProposedFeatures, createConnection } from 'vscode-languageserver/node';
import { URI } from 'vscode-uri';
import { byScheme, clientFileSystem } from './files/clientFileSystem';
import { clientStatusStore } from './files/clientStatusStore';
import { nodeFileSystem } from './files/nodeFileSystem';
import { fileStore } from './files/statusFileStore';
import { byFolderScheme, editorFinder, walkFinder } from './markdownFiles';
import { startServer } from './serverCore';
import { nodeWorkers } from './worker/nodeWorkers';

const connection = createConnection(ProposedFeatures.all);
// A last line of defence: a failed promise somewhere is logged, never the end of the server.
process.on('unhandledRejection', (reason) => connection.console.error(`Unexpected failure: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`));
// `file:` through node:fs; the editor's other schemes (a vscode-vfs: workspace on the desktop) through the client.
const fs = byScheme(nodeFileSystem, clientFileSystem(connection));

startServer({
	connection,
	fs,
	// This bundle is its own worker (see serverMain.ts).
	workers: () => nodeWorkers(__filename),
	find: byFolderScheme(walkFinder(fs), editorFinder(connection)),
	codeDocs: URI.file(join(__dirname, '..', 'docs', 'codes')).toString(),
	cores: availableParallelism(),
	// On disk when the extension's storage is; a storage of another scheme is the client's to write.
	statusStore: (storage) => {
		const uri = URI.parse(storage);
		return uri.scheme === 'file' ? fileStore(join(uri.fsPath, 'status-index.json')) : clientStatusStore(connection);
	},
	// setTimeout waits at least 1 ms; setImmediate runs as soon as the event loop is free.
	soon: (task) => {
		const immediate = setImmediate(task);
		return () => clearImmediate(immediate);
	},
});
