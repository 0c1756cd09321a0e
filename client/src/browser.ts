// The extension in VS Code for the Web (its web-worker extension host): the server runs in a
// Web Worker, and reads the workspace through this client (workspaceFiles.ts).
import { type ExtensionContext, Uri } from 'vscode';
import { BaseLanguageClient, BrowserMessageReader, BrowserMessageWriter, type LanguageClientOptions, type MessageTransports } from 'vscode-languageclient/browser';
import { type DesignDocApi, startExtension, stopExtension } from './startExtension';

export async function activate(context: ExtensionContext): Promise<DesignDocApi> {
	// A worker cannot be started from the extension's URI there ("Creating workers from remote
	// extensions is currently not supported"): from the script's text it can.
	const [serverScript, workerScript] = await Promise.all(['server.js', 'worker.js'].map((name) => scriptText(context, name)));
	const serverUrl = URL.createObjectURL(new Blob([serverScript!], { type: 'text/javascript' }));
	return startExtension(context, (clientOptions) => new WorkerLanguageClient(clientOptions, () => new Worker(serverUrl, { name: 'Design Doc server' })), {
		workerScript: workerScript!,
	});
}

export const deactivate = stopExtension;

/** `fetch`, not `workspace.fs`: on vscode.dev the extension's files are served over https. */
async function scriptText(context: ExtensionContext, name: string): Promise<string> {
	const uri = Uri.joinPath(context.extensionUri, 'dist', 'web', name);
	const response = await fetch(uri.toString(true));
	if (!response.ok) {
		throw new Error(`Could not load ${uri.toString(true)}: ${response.status} ${response.statusText}`);
	}
	return response.text();
}

/**
 * vscode-languageclient's browser client keeps one worker for good; this one
 * starts a fresh server on every start, so Restart Server and the restart
 * after a crash get a new server, as a new process does in Node.
 */
class WorkerLanguageClient extends BaseLanguageClient {
	private worker: Worker | undefined;

	constructor(
		clientOptions: LanguageClientOptions,
		private readonly spawn: () => Worker,
	) {
		super('designDoc', 'Design Doc Assistant', clientOptions);
	}

	protected override createMessageTransports(): Promise<MessageTransports> {
		this.worker?.terminate();
		const worker = this.spawn();
		this.worker = worker;
		return Promise.resolve({ reader: new BrowserMessageReader(worker), writer: new BrowserMessageWriter(worker) });
	}

	override async dispose(timeout?: number): Promise<void> {
		await super.dispose(timeout);
		this.worker?.terminate();
		this.worker = undefined;
	}
}
