import { readdir } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import { URI } from 'vscode-uri';
import {
	CodeActionKind,
	DidChangeConfigurationNotification,
	InitializeResult,
	ProposedFeatures,
	TextDocumentSyncKind,
	TextDocuments,
	createConnection,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
	type FixAllArguments,
	type InitializationOptions,
	type NewDocResult,
	fixAllCommand,
	newDocRequest,
	refreshRequest,
	statusesChangedNotification,
	statusesRequest,
} from './protocol';
import { codeLenses } from './service/codeLens';
import { duplicateNumberDiagnostics } from './service/duplicateNumber';
import { newDocFileName, newDocText } from './service/newDoc';
import { codeActions, fixAllKind, versionedEdit } from './service/codeActions';
import { completions } from './service/completion';
import { fixAll } from './service/fixAll';
import type { FixContext } from './service/fixes';
import { hover } from './service/hover';
import { CheckResult, checkDocument } from './service/languageService';
import { DesignDocSettings, defaultSettings, normalizeSettings } from './service/settings';
import { ResolvedTemplate, TemplateCache, isInside } from './templates';
import { WorkspaceIndex } from './workspaceIndex';

// With no transport argument, vscode-languageserver reads it from argv:
// `--node-ipc` from the VS Code client, `--stdio` for tests and other editors.
const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const templates = new TemplateCache();

let workspaceFolders: string[] = [];
let canFetchConfiguration = false;
let editorActions = false;
const settingsCache = new Map<string, Promise<DesignDocSettings>>();
const pending = new Map<string, NodeJS.Timeout>();
const reportedProblems = new Set<string>();
const index = new WorkspaceIndex({
	folders: () => workspaceFolders,
	settings: (folder) => settingsFor(URI.file(folder).toString()),
	templates,
	openDocument: (uri) => documents.get(uri),
});

connection.onInitialize((params): InitializeResult => {
	canFetchConfiguration = params.capabilities.workspace?.configuration === true;
	editorActions = (params.initializationOptions as InitializationOptions | undefined)?.editorActions === true;
	const folders = params.workspaceFolders?.map((folder) => folder.uri) ?? (params.rootUri ? [params.rootUri] : []);
	workspaceFolders = folders.map((uri) => URI.parse(uri)).filter((uri) => uri.scheme === 'file').map((uri) => uri.fsPath);
	return {
		capabilities: {
			textDocumentSync: TextDocumentSyncKind.Incremental,
			codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, fixAllKind] },
			completionProvider: { triggerCharacters: ['#', '_'] },
			hoverProvider: true,
			codeLensProvider: { resolveProvider: false },
			executeCommandProvider: { commands: [fixAllCommand] },
		},
		serverInfo: { name: 'design-doc-assistant' },
	};
});

connection.onInitialized(() => {
	if (canFetchConfiguration && connection.client) {
		connection.client.register(DidChangeConfigurationNotification.type, { section: 'designDoc' }).catch((error: unknown) => {
			// Without it settings changes arrive only on restart; validation itself still works.
			connection.console.warn(`Could not register for settings changes: ${String(error)}`);
		});
	}
	void reindex();
});

connection.onDidChangeConfiguration(() => {
	settingsCache.clear();
	analyses.clear();
	revalidateAll();
	void reindex();
});

/**
 * A burst of file events (a `git checkout` of hundreds of files) costs one
 * index update: events only collect URIs until the burst is over.
 */
const changedFiles = new Set<string>();
let indexTimer: NodeJS.Timeout | undefined;
const indexDebounceMs = 300;

connection.onDidChangeWatchedFiles(({ changes }) => {
	let templateChanged = false;
	for (const change of changes) {
		const uri = URI.parse(change.uri);
		if (uri.scheme === 'file') {
			templates.invalidate(uri.fsPath);
			templateChanged ||= basename(uri.fsPath) === defaultSettings.templateFileName || isConfiguredTemplate(uri.fsPath);
		}
		changedFiles.add(change.uri);
	}
	if (templateChanged) {
		// Every doc may follow that template: check them all again.
		changedFiles.clear();
		analyses.clear();
		revalidateAll();
		void reindex();
		return;
	}
	clearTimeout(indexTimer);
	indexTimer = setTimeout(() => {
		const uris = [...changedFiles];
		changedFiles.clear();
		void index.update(uris).then(statusesChanged);
	}, indexDebounceMs);
});

function isConfiguredTemplate(path: string): boolean {
	return [...analyses.values()].some((analysis) => analysis.templatePath === path);
}

async function reindex(): Promise<void> {
	try {
		await index.rebuild();
	} catch (error) {
		connection.console.error(`Could not index the workspace: ${String(error)}`);
	}
	statusesChanged();
}

/** Tell the client, and re-publish open docs: a new or renamed file may clash with their numbers. */
function statusesChanged(): void {
	void connection.sendNotification(statusesChangedNotification);
	for (const document of documents.all()) {
		void publish(document.uri);
	}
}

connection.onRequest(statusesRequest, () => index.reports());

connection.onRequest(refreshRequest, async () => {
	settingsCache.clear();
	analyses.clear();
	revalidateAll();
	await reindex();
});

connection.onRequest(newDocRequest, async ({ title }): Promise<NewDocResult> => {
	const root = workspaceFolders[0];
	if (!root) {
		return { error: 'Open a folder first: New Design Doc writes the new doc into the workspace.' };
	}
	const settings = await settingsFor(URI.file(root).toString());
	const folder = index.docsFolder(root, settings);
	const existing = await readdir(folder).catch(() => [] as string[]);
	const name = newDocFileName(title, existing);
	if ('error' in name) {
		return name;
	}
	const path = join(folder, name.fileName);
	const template = templates.resolve(path, root, settings);
	return { uri: URI.file(path).toString(), text: newDocText(template.model, title) };
});

documents.onDidChangeContent(({ document }) => schedule(document.uri));

documents.onDidClose(({ document }) => {
	clearTimeout(pending.get(document.uri));
	pending.delete(document.uri);
	settingsCache.delete(document.uri);
	analyses.delete(document.uri);
	void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
	// Unsaved edits are gone with the editor: the overview goes back to what is on disk.
	if (URI.parse(document.uri).scheme === 'file') {
		void index.update([document.uri]).then(statusesChanged);
	} else {
		index.forget(document.uri);
		void connection.sendNotification(statusesChangedNotification);
	}
});

connection.onCodeAction(async ({ textDocument, range, context }) => {
	const analysis = await analyze(textDocument.uri);
	if (!analysis?.result.isDesignDoc) {
		return [];
	}
	const request = { range, diagnostics: context.diagnostics, ...(context.only ? { only: context.only } : {}) };
	return codeActions(analysis.document, currentDiagnostics(analysis), request, analysis.diagnose, analysis.fixContext);
});

connection.onExecuteCommand(async ({ command, arguments: args }) => {
	if (command !== fixAllCommand) {
		return;
	}
	const [uri, version] = (args ?? []) as FixAllArguments;
	const analysis = await analyze(uri);
	if (!analysis?.result.isDesignDoc || (version !== undefined && version !== analysis.document.version)) {
		return;
	}
	const edits = fixAll(analysis.document, analysis.diagnose, analysis.fixContext);
	if (edits.length > 0) {
		await connection.workspace.applyEdit({ label: 'Fix all design doc problems', edit: versionedEdit(analysis.document, edits) });
	}
});

connection.onCompletion(async ({ textDocument, position }) => {
	const analysis = await analyze(textDocument.uri);
	return analysis?.result.isDesignDoc ? completions(analysis.document, analysis.result.outline, position) : [];
});

connection.onCodeLens(async ({ textDocument }) => {
	const analysis = await analyze(textDocument.uri);
	return analysis?.result.isDesignDoc ? codeLenses(analysis.document, analysis.result.outline) : [];
});

connection.onHover(async ({ textDocument, position }) => {
	const analysis = await analyze(textDocument.uri);
	return analysis?.result.isDesignDoc ? (hover(analysis.document, analysis.result.outline, position) ?? null) : null;
});

function revalidateAll(): void {
	for (const document of documents.all()) {
		schedule(document.uri);
	}
}

/**
 * One validation per burst of keystrokes: each change restarts the timer,
 * and the validation reads whatever version is current when it fires.
 */
function schedule(uri: string): void {
	clearTimeout(pending.get(uri));
	void settingsFor(uri).then((settings) => {
		clearTimeout(pending.get(uri));
		pending.set(
			uri,
			setTimeout(() => {
				pending.delete(uri);
				void publish(uri);
			}, settings.debounceMs),
		);
	});
}

async function publish(uri: string): Promise<void> {
	const analysis = await analyze(uri);
	if (analysis) {
		void connection.sendDiagnostics({ uri, version: analysis.document.version, diagnostics: currentDiagnostics(analysis) });
	}
}

/** The document's own diagnostics and those that need the workspace (`duplicate-number`). */
function currentDiagnostics(analysis: Analysis): CheckResult['diagnostics'] {
	const { document, result } = analysis;
	const parsed = URI.parse(document.uri);
	if (!result.isDesignDoc || parsed.scheme !== 'file') {
		return result.diagnostics;
	}
	const title = result.outline.title;
	const anchor = title ? { start: result.outline.md.start(title), end: result.outline.md.end(title) } : { start: 0, end: 0 };
	const self = { uri: document.uri, folder: dirname(parsed.fsPath), fileName: basename(parsed.fsPath) };
	const others = index.numbered().filter((doc) => doc.uri !== document.uri);
	return [...result.diagnostics, ...duplicateNumberDiagnostics(document, self, [self, ...others], anchor, analysis.settings)];
}

/** One document version, checked: shared by diagnostics, code actions, completion and hover. */
interface Analysis {
	/** A snapshot: TextDocuments updates its documents in place, this one never changes. */
	readonly document: TextDocument;
	readonly result: CheckResult;
	readonly diagnose: (document: TextDocument) => CheckResult['diagnostics'];
	readonly fixContext: FixContext;
	readonly settings: DesignDocSettings;
	readonly templatePath: string | undefined;
}

const analyses = new Map<string, Analysis>();

async function analyze(uri: string): Promise<Analysis | undefined> {
	if (!documents.get(uri) || uri.startsWith('vscode-notebook-cell:')) {
		// Unknown documents answer empty; notebook cells are fragments, not docs.
		return undefined;
	}
	const settings = await settingsFor(uri);
	const live = documents.get(uri);
	if (!live) {
		return undefined;
	}
	const cached = analyses.get(uri);
	if (cached?.document.version === live.version) {
		return cached;
	}
	try {
		const document = TextDocument.create(uri, live.languageId, live.version, live.getText());
		const location = locate(uri);
		const template = templateFor(location, settings);
		// The template is not a doc: it is full of placeholders by design.
		const isTemplate = template.path !== undefined && location.path === template.path;
		const options = { template: template.model, settings, relativePath: location.relativePath };
		const result = checkDocument(document, options);
		const analysis: Analysis = {
			document,
			result: isTemplate ? { ...result, isDesignDoc: false, diagnostics: [], status: undefined } : result,
			diagnose: (changed) => checkDocument(changed, { ...options, force: true }).diagnostics,
			fixContext: { template: template.model, editorActions },
			settings,
			templatePath: template.path,
		};
		analyses.set(uri, analysis);
		index.set(uri, analysis.result.status);
		scheduleStatusNotification();
		return analysis;
	} catch (error) {
		// One odd document must never take the server down with it.
		connection.console.error(`Could not check ${uri}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
		return undefined;
	}
}

let notifyTimer: NodeJS.Timeout | undefined;

/** Typing changes a doc's status; the client hears of it once per pause, not per keystroke. */
function scheduleStatusNotification(): void {
	clearTimeout(notifyTimer);
	notifyTimer = setTimeout(() => void connection.sendNotification(statusesChangedNotification), indexDebounceMs);
}

function templateFor(location: Location, settings: DesignDocSettings): ResolvedTemplate {
	const template = templates.resolve(location.path, location.root, settings);
	if (template.problem && !reportedProblems.has(template.problem)) {
		reportedProblems.add(template.problem);
		void connection.window.showWarningMessage(template.problem);
	}
	return template;
}

interface Location {
	/** File system path, for `file:` documents. */
	readonly path: string | undefined;
	/** The workspace folder holding the file. */
	readonly root: string | undefined;
	/** Path relative to its workspace folder with `/` separators, as globs expect. */
	readonly relativePath: string | undefined;
}

function locate(uri: string): Location {
	const parsed = URI.parse(uri);
	if (parsed.scheme !== 'file') {
		return { path: undefined, root: undefined, relativePath: undefined };
	}
	const path = parsed.fsPath;
	const root = workspaceFolders.filter((folder) => isInside(path, folder)).sort((a, b) => b.length - a.length)[0];
	const relativePath = (root ? relative(root, path) : path.replace(/^[/\\]+/, '')).split(/[/\\]/).join('/');
	return { path, root, relativePath };
}

function settingsFor(uri: string): Promise<DesignDocSettings> {
	let settings = settingsCache.get(uri);
	if (!settings) {
		settings = canFetchConfiguration
			? connection.workspace.getConfiguration({ scopeUri: uri, section: 'designDoc' }).then(normalizeSettings, () => defaultSettings)
			: Promise.resolve(defaultSettings);
		settingsCache.set(uri, settings);
	}
	return settings;
}

documents.listen(connection);
connection.listen();
