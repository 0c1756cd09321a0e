import * as path from 'node:path';
import { ExtensionContext, Position, Range, Selection, SnippetString, TextEditorRevealType, Uri, commands, window, workspace } from 'vscode';
import { ExecuteCommandRequest, LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { type FixAllArguments, type InitializationOptions, editorCommands, fixAllCommand } from '../../server/src/protocol';

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
	const module = context.asAbsolutePath(path.join('dist', 'server.js'));
	const serverOptions: ServerOptions = {
		run: { module, transport: TransportKind.ipc },
		debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
	};
	const outputChannel = window.createOutputChannel('Design Doc Assistant');
	const initializationOptions: InitializationOptions = { editorActions: true };
	const clientOptions: LanguageClientOptions = {
		documentSelector: [
			{ scheme: 'file', language: 'markdown' },
			{ scheme: 'untitled', language: 'markdown' },
		],
		synchronize: {
			// Templates and docs on disk change under the server's feet (git checkout, another editor).
			fileEvents: workspace.createFileSystemWatcher('**/*.md'),
		},
		initializationOptions,
		outputChannel,
		traceOutputChannel: outputChannel,
	};
	client = new LanguageClient('designDoc', 'Design Doc Assistant', serverOptions, clientOptions);
	context.subscriptions.push(
		outputChannel,
		commands.registerCommand('designDoc.restartServer', async () => {
			await client?.restart();
		}),
		commands.registerCommand('designDoc.fixAll', async () => {
			const editor = window.activeTextEditor;
			if (!editor || editor.document.languageId !== 'markdown') {
				void window.showInformationMessage('Design Doc: Fix All works on the Markdown design doc in the active editor. Open one first.');
				return;
			}
			const args: FixAllArguments = [editor.document.uri.toString(), editor.document.version];
			await client?.sendRequest(ExecuteCommandRequest.type, { command: fixAllCommand, arguments: args });
		}),
		commands.registerCommand(editorCommands.insertSnippet, async (uri: string, version: number, position: Position, snippet: string) => {
			const editor = await editorAt(uri, version);
			await editor?.insertSnippet(new SnippetString(snippet), new Position(position.line, position.character));
		}),
		commands.registerCommand(editorCommands.select, async (uri: string, version: number, range: Range) => {
			const editor = await editorAt(uri, version);
			if (editor) {
				const selection = new Selection(range.start.line, range.start.character, range.end.line, range.end.character);
				editor.selection = selection;
				editor.revealRange(selection, TextEditorRevealType.InCenterIfOutsideViewport);
			}
		}),
	);
	await client.start();
}

/** The editor of a document, if it is still at the version a fix was computed for. */
async function editorAt(uri: string, version: number) {
	const document = await workspace.openTextDocument(Uri.parse(uri));
	if (document.version !== version) {
		return undefined;
	}
	return window.showTextDocument(document);
}

export async function deactivate(): Promise<void> {
	await client?.stop();
	client = undefined;
}
