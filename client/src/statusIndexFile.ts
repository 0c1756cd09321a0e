import { Disposable, Uri, workspace } from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { loadStatusIndexRequest, saveStatusIndexRequest } from '../../server/src/protocol';

/**
 * Keeps the server's index of statuses in `storage` (the extension's storage)
 * when the server asks: one it cannot write there itself (in VS Code for the
 * Web it runs in a browser worker). The server names no file: this is the only
 * one it can have written.
 */
export function serveStatusIndex(client: BaseLanguageClient, storage: Uri): Disposable {
	const file = Uri.joinPath(storage, 'status-index.json');
	return Disposable.from(
		client.onRequest(loadStatusIndexRequest, async () => {
			try {
				return new TextDecoder().decode(await workspace.fs.readFile(file));
			} catch {
				// None yet, or unreadable: the server starts with an empty index.
				return null;
			}
		}),
		client.onRequest(saveStatusIndexRequest, async ({ text }) => {
			await workspace.fs.createDirectory(storage);
			await workspace.fs.writeFile(file, new TextEncoder().encode(text));
		}),
	);
}
