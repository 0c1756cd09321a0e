import * as path from 'node:path';
import { ExtensionContext, commands, window, workspace } from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
	const module = context.asAbsolutePath(path.join('dist', 'server.js'));
	const serverOptions: ServerOptions = {
		run: { module, transport: TransportKind.ipc },
		debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
	};
	const outputChannel = window.createOutputChannel('Design Doc Assistant');
	const clientOptions: LanguageClientOptions = {
		documentSelector: [
			{ scheme: 'file', language: 'markdown' },
			{ scheme: 'untitled', language: 'markdown' },
		],
		synchronize: {
			// Templates and docs on disk change under the server's feet (git checkout, another editor).
			fileEvents: workspace.createFileSystemWatcher('**/*.md'),
		},
		outputChannel,
		traceOutputChannel: outputChannel,
	};
	client = new LanguageClient('designDoc', 'Design Doc Assistant', serverOptions, clientOptions);
	context.subscriptions.push(
		outputChannel,
		commands.registerCommand('designDoc.restartServer', async () => {
			await client?.restart();
		}),
	);
	await client.start();
}

export async function deactivate(): Promise<void> {
	await client?.stop();
	client = undefined;
}
