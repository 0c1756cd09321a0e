// The language server as a Web Worker (dist/web/server.js), for VS Code for the Web. It has no
// file system: the client answers its reads through vscode.workspace.fs and finds Markdown files
// with workspace.findFiles. Its parse worker is a nested Web Worker, started from the script
// text the client sends (a worker cannot load one from the extension's URI there).
import { BrowserMessageReader, BrowserMessageWriter, ProposedFeatures, createConnection } from 'vscode-languageserver/browser';
import { clientFileSystem } from './files/clientFileSystem';
import { clientStatusStore } from './files/clientStatusStore';
import { editorFinder } from './markdownFiles';
import { startServer } from './serverCore';
import { browserWorkers } from './worker/browserWorkers';

declare const self: DedicatedWorkerGlobalScope;

const connection = createConnection(ProposedFeatures.all, new BrowserMessageReader(self), new BrowserMessageWriter(self));
// A last line of defence: a failed promise somewhere is logged, never the end of the server.
self.addEventListener('unhandledrejection', (event) => {
	event.preventDefault();
	const reason: unknown = event.reason;
	connection.console.error(`Unexpected failure: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`);
});

startServer({
	connection,
	fs: clientFileSystem(connection),
	workers: (options) => {
		if (!options?.workerScript) {
			throw new Error('The client sent no parse worker script (initializationOptions.workerScript): the Design Doc server cannot check docs without it.');
		}
		return browserWorkers(options.workerScript);
	},
	find: editorFinder(connection),
	// The client always names the code pages' folder (inside the extension); there is nothing beside this worker.
	codeDocs: '',
	// A worker's navigator says how many cores the browser may use.
	cores: self.navigator.hardwareConcurrency || 1,
	// No file system of its own: the client keeps the index of statuses in the extension's storage.
	statusStore: () => clientStatusStore(connection),
	soon: (task) => {
		const timer = setTimeout(task, 0);
		return () => clearTimeout(timer);
	},
});
