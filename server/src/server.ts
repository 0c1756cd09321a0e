import { relative } from 'node:path';
import { URI } from 'vscode-uri';
import {
	DidChangeConfigurationNotification,
	InitializeResult,
	ProposedFeatures,
	TextDocumentSyncKind,
	TextDocuments,
	createConnection,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { checkDocument } from './service/languageService';
import { DesignDocSettings, defaultSettings, normalizeSettings } from './service/settings';
import { TemplateCache, isInside } from './templates';

// With no transport argument, vscode-languageserver reads it from argv:
// `--node-ipc` from the VS Code client, `--stdio` for tests and other editors.
const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const templates = new TemplateCache();

let workspaceFolders: string[] = [];
let canFetchConfiguration = false;
const settingsCache = new Map<string, Promise<DesignDocSettings>>();
const pending = new Map<string, NodeJS.Timeout>();
const reportedProblems = new Set<string>();

connection.onInitialize((params): InitializeResult => {
	canFetchConfiguration = params.capabilities.workspace?.configuration === true;
	const folders = params.workspaceFolders?.map((folder) => folder.uri) ?? (params.rootUri ? [params.rootUri] : []);
	workspaceFolders = folders.map((uri) => URI.parse(uri)).filter((uri) => uri.scheme === 'file').map((uri) => uri.fsPath);
	return {
		capabilities: { textDocumentSync: TextDocumentSyncKind.Incremental },
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
});

connection.onDidChangeConfiguration(() => {
	settingsCache.clear();
	revalidateAll();
});

connection.onDidChangeWatchedFiles(({ changes }) => {
	for (const change of changes) {
		const uri = URI.parse(change.uri);
		if (uri.scheme === 'file') {
			templates.invalidate(uri.fsPath);
		}
	}
	revalidateAll();
});

documents.onDidChangeContent(({ document }) => schedule(document.uri));

documents.onDidClose(({ document }) => {
	clearTimeout(pending.get(document.uri));
	pending.delete(document.uri);
	settingsCache.delete(document.uri);
	void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
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
				validate(uri, settings);
			}, settings.debounceMs),
		);
	});
}

function validate(uri: string, settings: DesignDocSettings): void {
	const document = documents.get(uri);
	if (!document || !isValidatable(uri)) {
		return;
	}
	try {
		const location = locate(uri);
		const template = templates.resolve(location.path, location.root, settings);
		if (template.problem && !reportedProblems.has(template.problem)) {
			reportedProblems.add(template.problem);
			void connection.window.showWarningMessage(template.problem);
		}
		const { diagnostics } = checkDocument(document, { template: template.model, settings, relativePath: location.relativePath });
		if (template.path && location.path === template.path) {
			// The template is not a doc: it is full of placeholders by design.
			diagnostics.length = 0;
		}
		void connection.sendDiagnostics({ uri, version: document.version, diagnostics });
	} catch (error) {
		// One odd document must never take the server down with it.
		connection.console.error(`Could not validate ${uri}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
	}
}

/** Notebook cells are fragments of a notebook, not documents of their own. */
function isValidatable(uri: string): boolean {
	return !uri.startsWith('vscode-notebook-cell:');
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
