import { readdir } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import { URI } from 'vscode-uri';
import {
	CodeActionKind,
	DidChangeConfigurationNotification,
	ErrorCodes,
	InitializeResult,
	ProposedFeatures,
	ResponseError,
	TextDocumentSyncKind,
	TextDocuments,
	createConnection,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { type Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-types';
import {
	type FixAllArguments,
	type InitializationOptions,
	type NewDocResult,
	fixAllCommand,
	fixAllKind,
	newDocRequest,
	refreshRequest,
	statusesChangedNotification,
	statusesRequest,
} from './protocol';
import { duplicateNumberDiagnostics } from './service/duplicateNumber';
import { titleFromFileName } from './service/names';
import { newDocFileName } from './service/newDoc';
import { ConfigFile, configFileName, readConfigFile, withConfigFile } from './configFile';
import { DesignDocSettings, defaultSettings, normalizeSettings } from './service/settings';
import type { DocStatus } from './service/status';
import { looksLikeDesignDoc, structuralCheck } from './service/structuralCheck';
import { OverBudget, ServiceHost, WorkerRestarted } from './serviceHost';
import { ResolvedTemplate, TemplateCache, isInside } from './templates';
import type { CheckReply, WorkerReplies, WorkerRequest } from './worker/messages';
import { WorkspaceIndex } from './workspaceIndex';

// With no transport argument, vscode-languageserver reads it from argv:
// `--node-ipc` from the VS Code client, `--stdio` for tests and other editors.
const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const templates = new TemplateCache();
const service = new ServiceHost(join(__dirname, 'worker.js'), (message) => connection.console.error(message));

let workspaceFolders: string[] = [];
let canFetchConfiguration = false;
let editorActions = false;
const settingsCache = new Map<string, Promise<DesignDocSettings>>();
/** Per document: cancels its scheduled validation. */
const pending = new Map<string, () => void>();
const reportedProblems = new Set<string>();
const index = new WorkspaceIndex({
	folders: () => workspaceFolders,
	settings: (folder) => settingsFor(URI.file(folder).toString()),
	openDocument: (uri) => documents.get(uri),
	status: async (document, path, root, settings) => {
		const location = { path, root, relativePath: relative(root, path).split(/[/\\]/).join('/') };
		return (await check(document, location, settings, false)).reply.status;
	},
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

let shuttingDown = false;

connection.onShutdown(() => {
	shuttingDown = true;
	service.dispose();
});

/** LSP: requests after `shutdown` must fail with InvalidRequest, not be served. */
function live<P extends unknown[], R>(handler: (...params: P) => R): (...params: P) => R {
	return (...params: P) => {
		if (shuttingDown) {
			throw new ResponseError(ErrorCodes.InvalidRequest, 'The Design Doc server is shutting down.');
		}
		return handler(...params);
	};
}

connection.onDidChangeConfiguration(() => {
	settingsCache.clear();
	configFiles.clear();
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
		if (uri.scheme === 'file' && basename(uri.fsPath) === configFileName) {
			// New settings for a whole folder: like a settings change.
			configFiles.delete(dirname(uri.fsPath));
			templateChanged = true;
			settingsCache.clear();
			continue;
		}
		if (uri.scheme === 'file') {
			templates.invalidate(uri.fsPath);
			templateChanged ||= basename(uri.fsPath) === defaultSettings.templateFileName || isTemplateInUse(uri.fsPath);
		}
		changedFiles.add(change.uri);
	}
	if (templateChanged) {
		// Say it again if it is still wrong; clear it if it is fixed.
		for (const [uri] of templateProblems) {
			void connection.sendDiagnostics({ uri, diagnostics: [] });
		}
		templateProblems.clear();
		reportedProblems.clear();
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

function isTemplateInUse(path: string): boolean {
	return [...analyses.values()].some((analysis) => analysis.template.path === path);
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

connection.onRequest(statusesRequest, live(() => index.reports()));

connection.onRequest(refreshRequest, live(async () => {
	settingsCache.clear();
	analyses.clear();
	revalidateAll();
	await reindex();
}));

connection.onRequest(newDocRequest, live(async ({ title }): Promise<NewDocResult> => {
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
	const template = templateFor({ path, root, relativePath: undefined }, settings);
	return { uri: URI.file(path).toString(), text: await service.request({ kind: 'newDocText', template: sourceOf(template), title }, settings.validationTimeoutMs) };
}));

documents.onDidChangeContent(({ document }) => schedule(document.uri));

documents.onDidClose(({ document }) => {
	pending.get(document.uri)?.();
	pending.delete(document.uri);
	settingsCache.delete(document.uri);
	analyses.delete(document.uri);
	void service.request({ kind: 'forget', uri: document.uri }, defaultSettings.validationTimeoutMs).catch(() => undefined);
	void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
	// Unsaved edits are gone with the editor: the overview goes back to what is on disk.
	if (URI.parse(document.uri).scheme === 'file') {
		void index.update([document.uri]).then(statusesChanged);
	} else {
		index.forget(document.uri);
		void connection.sendNotification(statusesChangedNotification);
	}
});

connection.onCodeAction(live(async ({ textDocument, range, context }) => {
	const request = { range, diagnostics: context.diagnostics, ...(context.only ? { only: context.only } : {}) };
	return (await ask(textDocument.uri, (analysis) => ({ kind: 'codeActions', request, extra: workspaceDiagnostics(analysis) }))) ?? [];
}));

connection.onExecuteCommand(live(async ({ command, arguments: args }) => {
	if (command !== fixAllCommand) {
		return;
	}
	const [uri, version] = (args ?? []) as FixAllArguments;
	if (version !== undefined && documents.get(uri)?.version !== version) {
		return;
	}
	const edit = await ask(uri, () => ({ kind: 'fixAll' }));
	if (edit) {
		await connection.workspace.applyEdit({ label: 'Fix all design doc problems', edit });
	}
}));

connection.onCompletion(live(async ({ textDocument, position }) => (await ask(textDocument.uri, () => ({ kind: 'completion', position }))) ?? []));

connection.onCodeLens(live(async ({ textDocument }) => (await ask(textDocument.uri, () => ({ kind: 'codeLens' }))) ?? []));

connection.onHover(live(async ({ textDocument, position }) => (await ask(textDocument.uri, () => ({ kind: 'hover', position }))) ?? null));

type DocRequest = Exclude<WorkerRequest, { kind: 'check' | 'forget' | 'newDocText' }>;
type DocRequestBody = DocRequest extends infer R ? (R extends DocRequest ? Omit<R, 'uri' | 'version'> : never) : never;

/**
 * A request about the current version of an open design doc, answered by the
 * worker from the check it keeps of that version. Undefined when there is no
 * such doc, when full validation was skipped, or when the worker is busy for
 * longer than the budget.
 */
async function ask<K extends DocRequest['kind']>(
	uri: string,
	body: (analysis: Analysis) => Extract<DocRequestBody, { kind: K }>,
): Promise<WorkerReplies[K] | undefined> {
	for (let attempt = 0; attempt < 2; attempt++) {
		const analysis = await analyze(uri);
		if (!analysis?.reply.isDesignDoc || analysis.skipped) {
			return undefined;
		}
		try {
			const request = { ...body(analysis), uri, version: analysis.document.version } as Extract<DocRequest, { kind: K }>;
			return await service.request<K>(request, analysis.settings.validationTimeoutMs);
		} catch (error) {
			if (!(error instanceof WorkerRestarted)) {
				return undefined;
			}
			// The worker that held this version's check is gone: check again, then ask again.
			analyses.delete(uri);
		}
	}
	return undefined;
}

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
	pending.get(uri)?.();
	void settingsFor(uri).then((settings) => {
		pending.get(uri)?.();
		const run = () => {
			pending.delete(uri);
			void publish(uri);
		};
		// setTimeout waits at least 1 ms; with no debounce, run as soon as the event loop is free.
		if (settings.debounceMs > 0) {
			const timer = setTimeout(run, settings.debounceMs);
			pending.set(uri, () => clearTimeout(timer));
		} else {
			const immediate = setImmediate(run);
			pending.set(uri, () => clearImmediate(immediate));
		}
	});
}

async function publish(uri: string): Promise<void> {
	const analysis = await analyze(uri);
	if (!analysis) {
		// Not validated (a notebook cell): say so with an empty list rather than nothing.
		if (documents.get(uri)) {
			void connection.sendDiagnostics({ uri, diagnostics: [] });
		}
		return;
	}
	// A newer version is on its way: its own validation will publish.
	if (documents.get(uri)?.version === analysis.document.version) {
		const templateProblem = templateProblems.get(uri);
		const diagnostics = [...(templateProblem ? [templateProblem] : []), ...analysis.reply.diagnostics, ...workspaceDiagnostics(analysis)];
		void connection.sendDiagnostics({ uri, version: analysis.document.version, diagnostics });
	}
}

/** Diagnostics that need the workspace index: `duplicate-number`. */
function workspaceDiagnostics(analysis: Analysis): Diagnostic[] {
	const { document, reply } = analysis;
	const parsed = URI.parse(document.uri);
	if (!reply.isDesignDoc || parsed.scheme !== 'file') {
		return [];
	}
	const self = { uri: document.uri, folder: dirname(parsed.fsPath), fileName: basename(parsed.fsPath) };
	const others = index.numbered().filter((doc) => doc.uri !== document.uri);
	return duplicateNumberDiagnostics(document, self, [self, ...others], reply.anchor, analysis.settings);
}

/** One document version, checked by the worker (or, when that was not possible, by the line scanner). */
interface Analysis {
	/** A snapshot: TextDocuments updates its documents in place, this one never changes. */
	readonly document: TextDocument;
	readonly reply: CheckReply;
	readonly settings: DesignDocSettings;
	readonly template: ResolvedTemplate;
	/** Only the structural check ran: the worker knows nothing of this version. */
	readonly skipped: boolean;
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
	const document = TextDocument.create(uri, live.languageId, live.version, live.getText());
	const analysis = await check(document, locate(uri), settings, true);
	if (documents.get(uri)?.version === document.version) {
		analyses.set(uri, analysis);
		if (index.set(uri, analysis.reply.status)) {
			scheduleStatusNotification();
		}
	}
	return analysis;
}

/**
 * Checks one document in the worker, within the time budget; too big or too
 * slow, it gets the structural check and a notice saying why instead.
 */
async function check(document: TextDocument, location: Location, settings: DesignDocSettings, keep: boolean): Promise<Analysis> {
	const template = templateFor(location, settings);
	if (template.path !== undefined && location.path === template.path) {
		// The template is not a doc: it is full of placeholders by design.
		return { document, settings, template, skipped: false, reply: { isDesignDoc: false, diagnostics: [], status: undefined, anchor: { start: 0, end: 0 } } };
	}
	const text = document.getText();
	const sizeKb = Math.ceil(text.length / 1024);
	if (sizeKb > settings.maxDocumentSizeKb) {
		return skipped(document, location, settings, template, `the document is ${sizeKb} KB, more than the ${settings.maxDocumentSizeKb} KB set in designDoc.maxDocumentSizeKb`);
	}
	for (let attempt = 0; ; attempt++) {
		try {
			const reply = await service.request(
				{ kind: 'check', uri: document.uri, version: document.version, text, template: sourceOf(template), settings, relativePath: location.relativePath, keep, editorActions },
				settings.validationTimeoutMs,
			);
			return { document, settings, template, skipped: false, reply };
		} catch (error) {
			if (error instanceof OverBudget) {
				return skipped(document, location, settings, template, `parsing it took longer than the ${settings.validationTimeoutMs} ms set in designDoc.validationTimeoutMs`);
			}
			if (!(error instanceof WorkerRestarted) || attempt > 0) {
				connection.console.error(`Could not check ${document.uri}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
				return skipped(document, location, settings, template, 'the checker failed on it (details in the output channel)');
			}
		}
	}
}

function skipped(document: TextDocument, location: Location, settings: DesignDocSettings, template: ResolvedTemplate, reason: string): Analysis {
	const text = document.getText();
	const isDesignDoc = looksLikeDesignDoc(text, template.text, location.relativePath, settings);
	const fileName = location.path ? basename(location.path) : undefined;
	const { diagnostics, status } = structuralCheck(document, template.text, settings, reason, (fileName && titleFromFileName(fileName)) || 'Untitled');
	const reply: CheckReply = { isDesignDoc, diagnostics: isDesignDoc ? diagnostics : [], status: isDesignDoc ? (status satisfies DocStatus) : undefined, anchor: { start: 0, end: 0 } };
	return { document, settings, template, skipped: true, reply };
}

let notifyTimer: NodeJS.Timeout | undefined;

/** Typing changes a doc's status; the client hears of it once per pause, not per keystroke. */
function scheduleStatusNotification(): void {
	clearTimeout(notifyTimer);
	notifyTimer = setTimeout(() => void connection.sendNotification(statusesChangedNotification), indexDebounceMs);
}

/** Unusable template files in the workspace → the diagnostic that says why, shown on the file itself. */
const templateProblems = new Map<string, Diagnostic>();

function templateFor(location: Location, settings: DesignDocSettings): ResolvedTemplate {
	const template = templates.resolve(location.path, location.root, settings);
	if (template.problem && !reportedProblems.has(template.problem)) {
		// Once per problem: every doc that follows the template would say the same.
		reportedProblems.add(template.problem);
		void connection.window.showWarningMessage(template.problem);
		if (template.problemFile) {
			const uri = URI.file(template.problemFile).toString();
			const diagnostic: Diagnostic = {
				range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
				severity: DiagnosticSeverity.Warning,
				source: 'design-doc',
				message: template.problem,
			};
			templateProblems.set(uri, diagnostic);
			void connection.sendDiagnostics({ uri, diagnostics: [diagnostic] });
		}
	}
	return template;
}

/** The template for the worker; its source (shown in hovers) relative to the workspace folder when inside it. */
function sourceOf({ key, text, source, path }: ResolvedTemplate) {
	const root = path ? workspaceFolders.find((folder) => isInside(path, folder)) : undefined;
	return { key, text, source: path && root ? relative(root, path).split(/[/\\]/).join('/') : source };
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

/**
 * Settings for a document, normalised once and cached per URI: the editor's
 * `designDoc.*` settings under the `.designdocrc.json` of its workspace folder.
 */
function settingsFor(uri: string): Promise<DesignDocSettings> {
	let settings = settingsCache.get(uri);
	if (!settings) {
		const editor = canFetchConfiguration
			? connection.workspace.getConfiguration({ scopeUri: uri, section: 'designDoc' }).then(
					(value: unknown) => value,
					() => undefined,
				)
			: Promise.resolve(undefined);
		const { root } = locate(uri);
		settings = editor.then((value) => normalizeSettings(root ? withConfigFile(value, configFor(root)) : value));
		settingsCache.set(uri, settings);
	}
	return settings;
}

const configFiles = new Map<string, ConfigFile>();

function configFor(root: string): ConfigFile {
	let config = configFiles.get(root);
	if (!config) {
		config = readConfigFile(root);
		configFiles.set(root, config);
		for (const problem of config.problems) {
			void connection.window.showErrorMessage(`Design Doc: ${problem} The other settings apply.`);
		}
	}
	return config;
}

documents.listen(connection);
connection.listen();
