import { URI, Utils } from 'vscode-uri';
import {
	CodeActionKind,
	type Connection,
	DidChangeConfigurationNotification,
	DocumentDiagnosticReportKind,
	ErrorCodes,
	InitializeResult,
	MessageType,
	ShowMessageNotification,
	ResponseError,
	TextDocumentSyncKind,
	TextDocuments,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { type Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-types';
import {
	type FixAllArguments,
	type InitializationOptions,
	type NewDocResult,
	checkStateRequest,
	fixAllCommand,
	fixAllKind,
	newDocRequest,
	refreshRequest,
	showDocumentationCommand,
	statusesChangedNotification,
	statusesRequest,
} from './protocol';
import { CheckStates } from './checkStates';
import { codeDocsBase, showDocumentation } from './codeDocs';
import { newDocFileName } from './service/newDoc';
import { ConfigFile, configFileName, readConfigFile, withConfigFile } from './configFile';
import { DuplicateNumbers } from './duplicateNumbers';
import { DesignDocSettings, defaultSettings, normalizeSettings, statusSettings } from './service/settings';
import { confineNew, relativeTo } from './files/confine';
import type { FileSystem } from './files/fileSystem';
import type { MarkdownFinder } from './markdownFiles';
import { codeActionContextOf, guardedSync, invalid, positionOf, rangeOf, uriOf } from './params';
import { Retries } from './retries';
import { checkInWorker, structuralReply } from './checkInWorker';
import { NotChecked, ServiceHost, WorkerRestarted } from './serviceHost';
import { ServicePool } from './servicePool';
import { type CacheStore, StatusCache, statusKey } from './statusCache';
import { ResolvedTemplate, TemplateCache, displayName, joinPath, parentOf } from './templates';
import type { CheckReply, WorkerReplies, WorkerRequest } from './worker/messages';
import type { WorkerFactory } from './worker/workerFactory';
import { WorkspaceIndex } from './workspaceIndex';
import { WorkspaceProblems } from './workspaceProblems';

/**
 * The language server, whatever runs it: a Node process (server.ts) or a Web
 * Worker in VS Code for the Web (browserServer.ts). The shell brings the
 * connection, file access, the parse worker and how to find Markdown files;
 * everything here speaks URIs of any scheme, never file paths.
 */
export interface ServerShell {
	readonly connection: Connection;
	/** Every read of the workspace: templates, `.designdocrc.json`, the index, New Design Doc's folder. */
	readonly fs: FileSystem;
	/** How the parse worker starts, given the client's options (in a browser they carry its script). */
	workers(options: InitializationOptions | undefined): WorkerFactory;
	/** Where the Markdown files of a workspace folder are. */
	readonly find: MarkdownFinder;
	/** The code pages' folder (a URI) when the client names none: beside the server's bundle. */
	readonly codeDocs: string;
	/** How many parse workers indexing may keep busy at once: one per core. */
	readonly cores: number;
	/** Where the index of statuses is kept, given the storage folder the client names (a URI). */
	statusStore(storage: string): CacheStore;
	/** Runs `task` once the event loop is free; returns what cancels it. */
	soon(task: () => void): () => void;
}

declare const PACKAGE_VERSION: string;

export function startServer(shell: ServerShell): void {
	const { connection, fs } = shell;
	const documents = new TextDocuments(TextDocument);
	const templates = new TemplateCache(fs);
	/** Set on `initialize`: in a browser, the client's options carry the parse worker's script. */
	let startWorker: WorkerFactory | undefined;
	const workers: WorkerFactory = (events) => {
		if (!startWorker) {
			throw new Error('the parse worker was asked for before initialize');
		}
		return startWorker(events);
	};
	const service = new ServiceHost(workers, (message) => connection.console.error(message));
	// Indexing parses on every core, apart from the worker that serves the editor.
	const indexService = new ServicePool(workers, (message) => connection.console.error(message), shell.cores);
	/** Statuses from earlier runs, under the extension's storage (none without one). */
	let statusCache = new StatusCache(undefined, PACKAGE_VERSION);
	/** The status settings of every folder when the index was last built: a settings change that leaves them alone re-reads nothing. */
	let indexedWith = '';
	/** Files the index has read and parsed since the last rebuild began: the log says so, and tests read it there. */
	const indexed = { read: 0, parsed: 0 };

	let workspaceFolders: string[] = [];
	let canFetchConfiguration = false;
	let editorActions = false;
	let codeDocs = codeDocsBase(undefined, shell.codeDocs);
	let canShowDocument = false;
	const settingsCache = new Map<string, Promise<DesignDocSettings>>();
	/** Per document: cancels its scheduled validation. */
	const pending = new Map<string, () => void>();
	const reportedProblems = new Set<string>();
	const checkStates = new CheckStates();
	const index = new WorkspaceIndex({
		fs,
		find: shell.find,
		folders: () => workspaceFolders,
		settings: (folder) => settingsFor(folder),
		openDocument: (uri) => documents.get(uri),
		lanes: 4 * (indexService.size + 1),
		status: async (document, root, settings) => {
			const { uri } = document;
			const location = { uri, root, relativePath: relativeTo(uri, root) };
			const template = await folderTemplate(location, settings);
			const key = await statusKey([location.relativePath, template.text, statusSettings(settings)], document.getText());
			const known = statusCache.get(key);
			indexed.read++;
			if (known !== undefined) {
				problems.record(document, known, settings);
				return known.status;
			}
			indexed.parsed++;
			const analysis = await check(document, location, settings, false, settings.validationTimeoutMs * retries.scale(uri), template);
			// An open doc's retries follow its analysis; a doc on disk is read and checked again.
			if (!documents.get(uri)) {
				if (analysis.timedOut) {
					retries.timedOut(uri);
				} else {
					retries.reset(uri);
				}
			}
			problems.record(document, analysis.reply, settings);
			// A doc that was not fully checked is checked again next time, not remembered by its structural check.
			if (!analysis.skipped) {
				const { reply } = analysis;
				// Findings are kept only for the workspace's Problems, without what fixes need.
				const diagnostics = settings.problems === 'workspace' ? reply.diagnostics.map(({ data: _data, ...diagnostic }) => diagnostic) : [];
				statusCache.set(key, { ...reply, diagnostics });
			}
			return analysis.reply.status;
		},
	});
	const duplicateNumbers = new DuplicateNumbers(
		() => index.numbered(),
		() => codeDocs,
		(uri) => index.rootOf(uri) !== undefined,
	);
	const problems = new WorkspaceProblems(connection, {
		docs: () => index.numbered().map((doc) => doc.uri),
		isOpen: (uri) => documents.get(uri) !== undefined,
		workspaceDiagnostics: (head, anchor, settings) => duplicateNumbers.diagnostics(head, anchor, settings),
	});

	connection.onInitialize((params): InitializeResult => {
		canFetchConfiguration = params.capabilities.workspace?.configuration === true;
		const options = params.initializationOptions as InitializationOptions | undefined;
		editorActions = options?.editorActions === true;
		codeDocs = codeDocsBase(options?.codeDocs, shell.codeDocs);
		canShowDocument = params.capabilities.window?.showDocument?.support === true;
		problems.initialize(params.capabilities);
		startWorker = shell.workers(options);
		if (typeof options?.storageUri === 'string') {
			statusCache = new StatusCache(shell.statusStore(URI.parse(options.storageUri).toString()), PACKAGE_VERSION);
		}
		const folders = params.workspaceFolders?.map((folder) => folder.uri) ?? (params.rootUri ? [params.rootUri] : []);
		// Of any scheme: vscode-vfs: (github.dev), vscode-remote:, ... are workspaces too.
		workspaceFolders = folders.map((uri) => URI.parse(uri).toString());
		return {
			capabilities: {
				textDocumentSync: TextDocumentSyncKind.Incremental,
				codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, fixAllKind] },
				completionProvider: {},
				hoverProvider: true,
				codeLensProvider: { resolveProvider: false },
				executeCommandProvider: { commands: [fixAllCommand, showDocumentationCommand] },
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
		const started = Date.now();
		void reindex()
			.then(() => startLine(started))
			.then((line) => connection.console.info(line));
	});

	/** One line per start in the output channel: the template the docs follow, how many, how long it took. */
	async function startLine(started: number): Promise<string> {
		const root = workspaceFolders[0];
		// With no folder there is nobody's settings to ask: a template setting needs a folder anyway.
		const settings = root ? await settingsFor(root) : defaultSettings;
		// The template a new doc in the docs folder would follow.
		const uri = root && joinPath(index.docsFolder(root, settings), 'new.md');
		const template = sourceOf(await templateFor({ uri, root, relativePath: undefined }, settings)).source;
		const folders = workspaceFolders.length === 1 ? '' : ` in ${workspaceFolders.length} workspace folders`;
		return `Design Doc Assistant started: template ${template}, ${index.reports().length} design docs indexed${folders} in ${Date.now() - started} ms.`;
	}

	/**
	 * A message for the user, also in the log. A notification, not a request: a
	 * client that cannot show it must not make the server fail.
	 */
	function tell(type: MessageType, message: string): void {
		void connection.sendNotification(ShowMessageNotification.type, { type, message });
		(type === MessageType.Error ? connection.console.error : connection.console.warn).call(connection.console, message);
	}

	let shuttingDown = false;

	connection.onShutdown(async () => {
		shuttingDown = true;
		problems.dispose();
		retries.dispose();
		service.dispose();
		indexService.dispose();
		// The editor may close as soon as the workspace is indexed: the exit that follows ends the process at once.
		await saving;
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

	connection.onDidChangeConfiguration(async () => {
		settingsCache.clear();
		configFiles.clear();
		analyses.clear();
		revalidateAll();
		if ((await folderStatusSettings()) !== indexedWith) {
			void reindex();
		}
	});

	async function folderStatusSettings(): Promise<string> {
		return JSON.stringify(await Promise.all(workspaceFolders.map(async (folder) => statusSettings(await settingsFor(folder)))));
	}

	/**
	 * A burst of file events (a `git checkout` of hundreds of files) costs one
	 * index update: events only collect URIs until the burst is over.
	 */
	const changedFiles = new Set<string>();
	let indexTimer: ReturnType<typeof setTimeout> | undefined;
	const indexDebounceMs = 300;

	connection.onDidChangeWatchedFiles(({ changes }) => {
		let templateChanged = false;
		for (const change of changes) {
			const name = fileNameOf(change.uri);
			if (name === configFileName) {
				// New settings for a whole folder: like a settings change.
				configFiles.delete(parentOf(change.uri));
				templateChanged = true;
				settingsCache.clear();
				continue;
			}
			templates.invalidate(change.uri);
			templateChanged ||= name === defaultSettings.templateFileName || isTemplateInUse(change.uri);
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
			void index.update(uris).then(() => {
				statusesChanged();
				void saveStatuses();
			});
		}, indexDebounceMs);
	});

	function isTemplateInUse(uri: string): boolean {
		return [...analyses.values()].some((analysis) => analysis.template.uri === uri);
	}

	let cacheLoaded: Promise<void> | undefined;

	async function reindex(): Promise<void> {
		try {
			await (cacheLoaded ??= statusCache.load());
			statusCache.sweep();
			indexedWith = await folderStatusSettings();
			const start = performance.now();
			Object.assign(indexed, { read: 0, parsed: 0 });
			folderTemplates = new Map();
			try {
				await index.rebuild();
			} finally {
				folderTemplates = undefined;
			}
			connection.console.log(`Indexed the workspace in ${Math.round(performance.now() - start)} ms: ${indexed.read} files read, ${indexed.parsed} parsed, the rest from the index of statuses.`);
		} catch (error) {
			connection.console.error(`Could not index the workspace: ${String(error)}`);
		}
		statusesChanged();
		await saveStatuses();
	}

	/** The index of statuses being written, if it is: shutting down waits for it. */
	let saving: Promise<void> = Promise.resolve();

	function saveStatuses(): Promise<void> {
		saving = saving.then(async () => {
			try {
				await statusCache.save();
			} catch (error) {
				connection.console.warn(`Could not save the index of statuses: ${String(error)}`);
			}
		});
		return saving;
	}

	/** Tell the client, and re-publish open docs: a new or renamed file may clash with their numbers. */
	function statusesChanged(): void {
		duplicateNumbers.invalidate();
		void connection.sendNotification(statusesChangedNotification);
		problems.sync().catch((error: unknown) => connection.console.warn(`Could not report the workspace's problems: ${String(error)}`));
		for (const document of documents.all()) {
			void publish(document.uri);
		}
	}

	connection.onRequest(statusesRequest, live(() => index.reports()));

	connection.onRequest(checkStateRequest, live((params) => {
		const uri = uriOf(params);
		return checkStates.state(uri, documents.get(uri)?.version, pending.has(uri));
	}));

	connection.onRequest(refreshRequest, live(async () => {
		settingsCache.clear();
		analyses.clear();
		revalidateAll();
		await reindex();
	}));

	connection.onRequest(newDocRequest, live(async (params): Promise<NewDocResult> => {
		const title: unknown = (params as { title?: unknown } | undefined)?.title;
		if (typeof title !== 'string') {
			throw invalid('title', 'a string');
		}
		const root = workspaceFolders[0];
		if (!root) {
			return { error: 'Open a folder first: New Design Doc writes the new doc into the workspace.' };
		}
		const settings = await settingsFor(root);
		const folder = index.docsFolder(root, settings);
		// docsFolder and template come from the workspace: the new doc must land inside it.
		const confined = await confineNew(fs, folder, root, parentOf);
		if ('problem' in confined) {
			return { error: `Cannot create the doc in ${displayName(folder)} (from the designDoc.docsFolder or designDoc.template setting): ${confined.problem}.` };
		}
		const existing = (await fs.readDirectory(folder)).map(([name]) => name);
		const name = newDocFileName(title, existing);
		if ('error' in name) {
			return name;
		}
		const uri = joinPath(folder, name.fileName);
		const template = await templateFor({ uri, root, relativePath: undefined }, settings);
		return { uri, text: await service.request({ kind: 'newDocText', template: sourceOf(template), title }, settings.validationTimeoutMs) };
	}));

	documents.onDidChangeContent(({ document }) => schedule(document.uri));

	documents.onDidClose(({ document }) => {
		pending.get(document.uri)?.();
		pending.delete(document.uri);
		settingsCache.delete(document.uri);
		analyses.delete(document.uri);
		retries.reset(document.uri);
		checkStates.forget(document.uri);
		void service.request({ kind: 'forget', uri: document.uri }, defaultSettings.validationTimeoutMs).catch(() => undefined);
		void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
		problems.closed(document.uri);
		// Unsaved edits are gone with the editor: the overview goes back to what is on disk.
		if (index.rootOf(document.uri) !== undefined) {
			void index.update([document.uri]).then(statusesChanged);
		} else {
			index.forget(document.uri);
			void connection.sendNotification(statusesChangedNotification);
		}
	});

	connection.onCodeAction(live(async (params) => {
		const uri = uriOf(params);
		const range = rangeOf(params.range, 'range');
		const context = codeActionContextOf(params.context);
		const request = { range, diagnostics: context.diagnostics, ...(context.only ? { only: context.only } : {}) };
		return (await ask(uri, (analysis) => ({ kind: 'codeActions', request, extra: workspaceDiagnostics(analysis) }))) ?? [];
	}));

	connection.onExecuteCommand(live(async ({ command, arguments: args }) => {
		if (command === showDocumentationCommand) {
			return showDocumentation(connection, codeDocs, args?.[0], canShowDocument);
		}
		if (command !== fixAllCommand) {
			throw invalid('command', `one of: ${fixAllCommand}, ${showDocumentationCommand}`);
		}
		const [uri, version] = (args ?? []) as FixAllArguments;
		if (typeof uri !== 'string' || (version !== undefined && typeof version !== 'number')) {
			throw invalid('arguments', 'a document URI and an optional version number');
		}
		if (version !== undefined && documents.get(uri)?.version !== version) {
			return;
		}
		const edit = await ask(uri, () => ({ kind: 'fixAll' }));
		if (edit) {
			await connection.workspace.applyEdit({ label: 'Fix all design doc problems', edit });
		}
	}));

	connection.onCompletion(live(async (params) => {
		const uri = uriOf(params);
		const position = positionOf(params.position, 'position');
		return (await ask(uri, () => ({ kind: 'completion', position }))) ?? [];
	}));

	connection.onCodeLens(live(async (params) => (await ask(uriOf(params), () => ({ kind: 'codeLens' }))) ?? []));

	// Open docs' findings are pushed as they are typed: pulls are for the docs that are not open.
	connection.languages.diagnostics.on(live(() => ({ kind: DocumentDiagnosticReportKind.Full, items: [] })));
	connection.languages.diagnostics.onWorkspace(live(async ({ previousResultIds }, token) => ({ items: await problems.report(previousResultIds ?? [], token) })));

	connection.onHover(live(async (params) => {
		const uri = uriOf(params);
		const position = positionOf(params.position, 'position');
		return (await ask(uri, () => ({ kind: 'hover', position }))) ?? null;
	}));

	type DocRequest = Exclude<WorkerRequest, { kind: 'check' | 'forget' | 'newDocText' }>;
	type DocRequestBody = DocRequest extends infer R ? (R extends DocRequest ? Omit<R, 'uri' | 'version'> : never) : never;

	/**
	 * A request about the current version of an open design doc, answered by the
	 * worker from the check it keeps of that version. Undefined when there is no
	 * such doc or only its structural check could run. When the worker that held
	 * the check was replaced, the doc is checked again and the request asked
	 * again: no open doc silently loses its quick fixes, fix-all or CodeLens.
	 */
	async function ask<K extends DocRequest['kind']>(
		uri: string,
		body: (analysis: Analysis) => Extract<DocRequestBody, { kind: K }>,
	): Promise<WorkerReplies[K] | undefined> {
		for (let attempt = 0; attempt < 3; attempt++) {
			const analysis = await analyze(uri);
			if (!analysis?.reply.isDesignDoc || analysis.skipped) {
				return undefined;
			}
			try {
				const request = { ...body(analysis), uri, version: analysis.document.version } as Extract<DocRequest, { kind: K }>;
				return await service.request<K>(request, analysis.settings.validationTimeoutMs);
			} catch (error) {
				if (!(error instanceof WorkerRestarted || error instanceof NotChecked)) {
					connection.console.error(`Could not answer a ${body(analysis).kind} request on ${uri}: ${errorText(error)}`);
					return undefined;
				}
				if (analyses.get(uri) === analysis) {
					analyses.delete(uri);
				}
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
			if (settings.debounceMs > 0) {
				const timer = setTimeout(run, settings.debounceMs);
				pending.set(uri, () => clearTimeout(timer));
			} else {
				pending.set(uri, shell.soon(run));
			}
		});
	}

	function publish(uri: string): Promise<void> {
		return checkStates.track(uri, async () => {
			const analysis = await analyze(uri);
			if (!analysis) {
				// Not validated (a notebook cell): say so with an empty list rather than nothing.
				const document = documents.get(uri);
				if (document) {
					void connection.sendDiagnostics({ uri, diagnostics: [] });
					checkStates.record(uri, { version: document.version, count: 0, full: true });
				}
				return;
			}
			// A newer version is on its way: its own validation will publish.
			if (documents.get(uri)?.version === analysis.document.version) {
				const templateProblem = templateProblems.get(uri);
				const diagnostics = [...(templateProblem ? [templateProblem] : []), ...analysis.reply.diagnostics, ...workspaceDiagnostics(analysis)];
				void connection.sendDiagnostics({ uri, version: analysis.document.version, diagnostics });
				checkStates.record(uri, { version: analysis.document.version, count: diagnostics.length, full: !analysis.skipped });
			}
		});
	}

	/** Diagnostics that need the workspace index: `duplicate-number`. */
	function workspaceDiagnostics({ document, reply, settings }: Analysis): Diagnostic[] {
		return reply.isDesignDoc ? duplicateNumbers.diagnostics(document, reply.anchor, settings) : [];
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
		/** Skipped because the check ran out of time: worth another try when the server is idle. */
		readonly timedOut: boolean;
	}

	const analyses = new Map<string, Analysis>();

	/** Each time-out doubles the budget of the next try; after this many the time-out stands until the doc changes. */
	const maxRetries = 2;
	const retries = new Retries({
		maxAttempts: maxRetries,
		pauseMs: 500,
		busy: () => service.busy || pending.size > 0,
		retry: (uri) => {
			if (!documents.get(uri)) {
				void index.update([uri]).then(statusesChanged);
			} else if (analyses.get(uri)?.timedOut) {
				analyses.delete(uri);
				void publish(uri);
			}
		},
	});

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
		const analysis = await check(document, locate(uri), settings, true, settings.validationTimeoutMs * retries.scale(uri));
		if (documents.get(uri)?.version === document.version) {
			analyses.set(uri, analysis);
			if (analysis.timedOut) {
				retries.timedOut(uri);
			} else {
				retries.reset(uri);
			}
			if (index.set(uri, analysis.reply.status)) {
				duplicateNumbers.invalidate();
				scheduleStatusNotification();
			}
		}
		return analysis;
	}

	/**
	 * Checks one document in the worker, within a budget of `budgetMs` of the
	 * worker's CPU time; too big or too slow, it gets the structural check and a
	 * notice saying why instead.
	 */
	async function check(document: TextDocument, location: Location, settings: DesignDocSettings, keep: boolean, budgetMs: number, resolved?: ResolvedTemplate): Promise<Analysis> {
		const template = resolved ?? (await templateFor(location, settings));
		if (template.uri !== undefined && document.uri === template.uri) {
			// The template is not a doc: it is full of placeholders by design.
			return { document, settings, template, skipped: false, timedOut: false, reply: { isDesignDoc: false, diagnostics: [], status: undefined, anchor: { start: 0, end: 0 } } };
		}
		// Open docs have a worker of their own; indexing has the pool.
		const outcome = await checkInWorker(
			keep ? service : indexService,
			{ kind: 'check', uri: document.uri, version: document.version, text: document.getText(), template: sourceOf(template), settings, relativePath: location.relativePath, keep, editorActions, codeDocs },
			budgetMs,
			'designDoc.',
		);
		switch (outcome.kind) {
			case 'checked':
				return { document, settings, template, skipped: false, timedOut: false, reply: outcome.reply };
			case 'tooBig':
				return skipped(document, location, settings, template, outcome.reason);
			case 'overBudget':
				// Expected on a busy machine or a huge doc: one line, no stack trace.
				connection.console.warn(`Ran out of time checking ${document.uri}: ${outcome.error.message}.`);
				return { ...skipped(document, location, settings, template, outOfTime(document.uri, budgetMs, settings)), timedOut: true };
			case 'failed':
				connection.console.error(`Could not check ${document.uri}: ${errorText(outcome.error)}`);
				return skipped(document, location, settings, template, 'the checker failed on it (details in the output channel)');
		}
	}

	/** Why only the structural check ran, and what happens next. */
	function outOfTime(uri: string, budgetMs: number, settings: DesignDocSettings): string {
		const scale = budgetMs / settings.validationTimeoutMs;
		return retries.exhausted(uri) || scale >= 2 ** maxRetries
			? `checking it ran out of time even with ${budgetMs} ms of work (${scale}× designDoc.validationTimeoutMs)`
			: `checking it ran out of time (over ${budgetMs} ms of work, the designDoc.validationTimeoutMs budget); it will be checked again, with more time, when the editor is idle`;
	}

	function skipped(document: TextDocument, location: Location, settings: DesignDocSettings, template: ResolvedTemplate, reason: string): Analysis {
		return { document, settings, template, skipped: true, timedOut: false, reply: structuralReply(document, template.text, settings, location.relativePath, reason, false, codeDocs) };
	}

	function fileNameOf(uri: string): string {
		return Utils.basename(URI.parse(uri));
	}

	function errorText(error: unknown): string {
		return error instanceof Error ? (error.stack ?? error.message) : String(error);
	}

	let notifyTimer: ReturnType<typeof setTimeout> | undefined;

	/** Typing changes a doc's status; the client hears of it once per pause, not per keystroke. */
	function scheduleStatusNotification(): void {
		clearTimeout(notifyTimer);
		notifyTimer = setTimeout(() => void connection.sendNotification(statusesChangedNotification), indexDebounceMs);
	}

	/** Unusable template files in the workspace → the diagnostic that says why, shown on the file itself. */
	const templateProblems = new Map<string, Diagnostic>();

	/**
	 * While the workspace is indexed, each folder's template, by the settings that pick it: looking
	 * one up costs a `stat` per folder up to the root, and a folder holds many docs.
	 */
	let folderTemplates: Map<string, Promise<ResolvedTemplate>> | undefined;

	function folderTemplate(location: Location & { uri: string }, settings: DesignDocSettings): Promise<ResolvedTemplate> {
		const key = JSON.stringify([parentOf(location.uri), location.root, settings.template, settings.templateFileName]);
		let template = folderTemplates?.get(key);
		if (!template) {
			template = templateFor(location, settings);
			folderTemplates?.set(key, template);
		}
		return template;
	}

	async function templateFor(location: Location, settings: DesignDocSettings): Promise<ResolvedTemplate> {
		// An untitled doc belongs to no folder: the first workspace folder's template setting applies.
		const root = location.root ?? (location.uri === undefined ? workspaceFolders[0] : undefined);
		const template = await templates.resolve(location.uri, root, settings);
		if (template.problem && !reportedProblems.has(template.problem)) {
			// Once per problem: every doc that follows the template would say the same.
			reportedProblems.add(template.problem);
			tell(MessageType.Warning, template.problem);
			if (template.problemUri) {
				const uri = template.problemUri;
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
	function sourceOf({ key, text, source, uri }: ResolvedTemplate) {
		const root = uri ? index.rootOf(uri) : undefined;
		return { key, text, source: uri && root ? relativeTo(uri, root)! : source };
	}

	interface Location {
		/** The document's URI, when it lies in a folder (any scheme but `untitled:`). */
		readonly uri: string | undefined;
		/** The workspace folder holding it (a URI). */
		readonly root: string | undefined;
		/** Its path relative to its workspace folder with `/` separators, as globs expect. */
		readonly relativePath: string | undefined;
	}

	function locate(uri: string): Location {
		const parsed = URI.parse(uri);
		if (parsed.scheme === 'untitled') {
			return { uri: undefined, root: undefined, relativePath: undefined };
		}
		const root = index.rootOf(uri);
		return { uri, root, relativePath: root ? relativeTo(uri, root) : parsed.path.replace(/^\/+/, '') };
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
			settings = Promise.all([editor, root ? configFor(root) : undefined]).then(([value, config]) => normalizeSettings(config ? withConfigFile(value, config) : value));
			settingsCache.set(uri, settings);
		}
		return settings;
	}

	const configFiles = new Map<string, Promise<ConfigFile>>();

	function configFor(root: string): Promise<ConfigFile> {
		let config = configFiles.get(root);
		if (!config) {
			config = readConfigFile(fs, root).then((file) => {
				for (const problem of file.problems) {
					tell(MessageType.Error, `Design Doc: ${problem} The other settings apply.`);
				}
				return file;
			});
			configFiles.set(root, config);
		}
		return config;
	}

	documents.listen(guardedSync(connection, documents, () => shuttingDown, (message) => connection.console.log(message)));
	connection.listen();
}
