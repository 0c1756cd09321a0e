import { ExtensionContext, Position, Range, Selection, SnippetString, TextEditorRevealType, Uri, commands, window, workspace } from 'vscode';
import { type BaseLanguageClient, ExecuteCommandRequest, type LanguageClientOptions } from 'vscode-languageclient';
import { type FixAllArguments, type InitializationOptions, checkStateRequest, editorCommands, fixAllCommand, newDocRequest } from '../../server/src/protocol';
import { titleProblem } from '../../server/src/service/names';
import { CrashHandler } from './crashHandler';
import { DesignDocsTree, type Node } from './designDocsTree';
import { selectFirstPlaceholder } from './firstPlaceholder';
import { insertSection } from './insertSection';
import { StatusBar } from './statusBar';
import { serveStatusIndex } from './statusIndexFile';
import { StatusStore } from './statusStore';
import { serveWorkspaceFiles } from './workspaceFiles';

/** What the extension's `activate` returns: the Design Docs view's data, for tests and other extensions. */
export interface DesignDocApi {
	readonly designDocsView: DesignDocsTree;
}

let client: BaseLanguageClient | undefined;

/**
 * Activation shared by the Node and the browser extension (extension.ts,
 * browser.ts): they differ only in how the language client reaches its server.
 */
export async function startExtension(
	context: ExtensionContext,
	createClient: (options: LanguageClientOptions) => BaseLanguageClient,
	options: Pick<InitializationOptions, 'workerScript'> = {},
): Promise<DesignDocApi> {
	const outputChannel = window.createOutputChannel('Design Doc Assistant');
	// The code pages ship inside the extension: the links in the Problems panel open offline, in any extension host.
	// The server keeps its index of statuses in the extension's storage, so the next start reads but does not parse unchanged docs.
	const storage = context.storageUri ?? context.globalStorageUri;
	const initializationOptions: InitializationOptions = {
		editorActions: true,
		codeDocs: `${Uri.joinPath(context.extensionUri, 'docs', 'codes').toString()}/`,
		storageUri: storage.toString(),
		...options,
	};
	const clientOptions: LanguageClientOptions = {
		// Every scheme: docs of virtual workspaces (vscode-vfs: on github.dev, vscode-remote:, ...) too.
		documentSelector: [{ language: 'markdown' }],
		synchronize: {
			// Templates and docs on disk change under the server's feet (git checkout, another editor).
			fileEvents: [workspace.createFileSystemWatcher('**/*.md'), workspace.createFileSystemWatcher('**/.designdocrc.json')],
		},
		initializationOptions,
		errorHandler: new CrashHandler(),
		outputChannel,
		traceOutputChannel: outputChannel,
	};
	const languageClient = createClient(clientOptions);
	client = languageClient;
	const store = new StatusStore(languageClient);
	const tree = new DesignDocsTree(store);
	const treeView = window.createTreeView('designDocs', { treeDataProvider: tree, showCollapseAll: true });
	const fixAll = async (uri: Uri) => {
		const editor = await window.showTextDocument(uri);
		const args: FixAllArguments = [editor.document.uri.toString(), editor.document.version];
		await languageClient.sendRequest(ExecuteCommandRequest.type, { command: fixAllCommand, arguments: args });
	};
	context.subscriptions.push(
		outputChannel,
		serveWorkspaceFiles(languageClient),
		serveStatusIndex(languageClient, storage),
		store,
		treeView,
		new StatusBar(store),
		commands.registerCommand('designDoc.restartServer', async () => {
			await languageClient.stop();
			await languageClient.start();
			await store.fetch();
		}),
		commands.registerCommand('designDoc.refresh', () => store.refresh()),
		// Not in the palette: for tests that wait on the server's state (test/e2e; README "Real-editor tests").
		commands.registerCommand('designDoc.checkState', (uri: string) => languageClient.sendRequest(checkStateRequest, { textDocument: { uri } })),
		commands.registerCommand('designDoc.fixAll', async () => {
			const editor = window.activeTextEditor;
			if (!editor || editor.document.languageId !== 'markdown') {
				void window.showInformationMessage('Design Doc: Fix All works on the Markdown design doc in the active editor. Open one first.');
				return;
			}
			await fixAll(editor.document.uri);
		}),
		commands.registerCommand('designDoc.insertSection', (node?: Node) => (node?.kind === 'section' ? insertSection(node.report, node.section) : undefined)),
		commands.registerCommand('designDoc.fixAllInTree', (node?: Node) => (node?.kind === 'doc' ? fixAll(Uri.parse(node.report.uri)) : undefined)),
		commands.registerCommand('designDoc.revealInTree', async () => {
			const uri = window.activeTextEditor?.document.uri.toString();
			const report = uri ? store.find(uri) : undefined;
			if (report) {
				await treeView.reveal({ kind: 'doc', report }, { select: true, focus: true, expand: true });
			}
		}),
		// A title passed in (from a keybinding's `args`, a test or another extension) skips the question.
		commands.registerCommand('designDoc.newDoc', async (given?: unknown) => {
			const title =
				typeof given === 'string' && titleProblem(given) === undefined
					? given
					: await window.showInputBox({
							title: 'New Design Doc',
							prompt: 'The title of the design doc; the file is named after it, with the next free number.',
							placeHolder: 'Package Variants',
							value: typeof given === 'string' ? given : undefined,
							validateInput: (value) => titleProblem(value),
						});
			if (title === undefined) {
				return;
			}
			const result = await languageClient.sendRequest(newDocRequest, { title });
			if ('error' in result) {
				void window.showErrorMessage(result.error);
				return;
			}
			const uri = Uri.parse(result.uri);
			// The server's answer comes from workspace settings: write nowhere but inside the workspace.
			if (!workspace.getWorkspaceFolder(uri) || uri.path.split('/').includes('..')) {
				void window.showErrorMessage(`Design Doc: not creating ${displayName(uri)}: it is outside the workspace folders.`);
				return;
			}
			try {
				await workspace.fs.stat(uri);
				void window.showErrorMessage(`${displayName(uri)} already exists: pick another title.`);
				return;
			} catch {
				// Free: write it.
			}
			await workspace.fs.writeFile(uri, new TextEncoder().encode(result.text));
			// A doc to write in, not a glance: a normal tab, the first placeholder selected to type over.
			context.subscriptions.push(selectFirstPlaceholder(await window.showTextDocument(uri, { preview: false })));
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
	await languageClient.start();
	await store.fetch();
	return { designDocsView: tree };
}

/** A file as a person names it: its path on this computer, else the URI of its workspace (vscode-vfs://github/...). */
function displayName(uri: Uri): string {
	return uri.scheme === 'file' ? uri.fsPath : uri.toString(true);
}

/** The editor of a document, if it is still at the version a fix was computed for. */
async function editorAt(uri: string, version: number) {
	const document = await workspace.openTextDocument(Uri.parse(uri));
	if (document.version !== version) {
		return undefined;
	}
	return window.showTextDocument(document);
}

export async function stopExtension(): Promise<void> {
	await client?.stop();
	client = undefined;
}
