/**
 * The service worker: every parse happens here, off the server's main thread,
 * so a document remark-parse takes seconds over never stops the server from
 * answering; the server gives each request a time budget and replaces this
 * worker when one runs over. What runs it (a Node worker thread, a Web
 * Worker) is the entry point's business: worker.ts, browserWorker.ts.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { codeActions } from '../service/codeActions';
import { codeLenses } from '../service/codeLens';
import { completions } from '../service/completion';
import { fixAll } from '../service/fixAll';
import { hover } from '../service/hover';
import { IncrementalParser } from '../service/incremental';
import { CheckOptions, CheckResult, checkDocument } from '../service/languageService';
import { newDocText } from '../service/newDoc';
import { defaultSettings } from '../service/settings';
import { TemplateModels } from '../service/templateModels';
import { bundledTemplate } from '../templates';
import { versionedEdit } from '../service/versionedEdit';
import type { CheckReply, WorkerAnswer, WorkerMessage, WorkerReplies, WorkerRequest, WorkerSignal } from './messages';

/** Thrown for a request about a doc version this worker holds no check of. */
class NotCheckedHere extends Error {}

interface Session {
	readonly parser: IncrementalParser;
	analysis?: {
		readonly document: TextDocument;
		readonly result: CheckResult;
		readonly options: CheckOptions;
		readonly editorActions: boolean;
	};
}

const models = new TemplateModels();
const sessions = new Map<string, Session>();

function handle(request: WorkerRequest): WorkerReplies[WorkerRequest['kind']] {
	switch (request.kind) {
		case 'check':
			return check(request);
		case 'forget':
			sessions.delete(request.uri);
			return null;
		case 'newDocText':
			return newDocText(models.get(request.template), request.title);
	}
	const analysis = sessions.get(request.uri)?.analysis;
	if (!analysis || analysis.document.version !== request.version) {
		// Asked about a version this worker has not checked: the server checks it again and asks again.
		throw new NotCheckedHere();
	}
	if (!analysis.result.isDesignDoc) {
		return request.kind === 'hover' || request.kind === 'fixAll' ? null : [];
	}
	const { document, result, options } = analysis;
	const diagnose = (changed: TextDocument) => checkDocument(changed, { ...options, parser: undefined, force: true }).diagnostics;
	const fixContext = { template: options.template, editorActions: analysis.editorActions };
	switch (request.kind) {
		case 'codeActions':
			return codeActions(document, result.outline.md, [...result.diagnostics, ...request.extra], request.request, diagnose, fixContext);
		case 'fixAll': {
			const edits = fixAll(document, diagnose, fixContext);
			return edits.length > 0 ? versionedEdit(document, edits) : null;
		}
		case 'completion':
			return completions(document, result.outline, request.position);
		case 'hover':
			return hover(document, result.outline, request.position) ?? null;
		case 'codeLens':
			return codeLenses(document, result.outline);
	}
}

function check(request: Extract<WorkerRequest, { kind: 'check' }>): CheckReply {
	const document = TextDocument.create(request.uri, 'markdown', request.version, request.text);
	let session = sessions.get(request.uri);
	if (request.keep && !session) {
		session = { parser: new IncrementalParser() };
		sessions.set(request.uri, session);
	}
	const options: CheckOptions = {
		template: models.get(request.template),
		settings: request.settings,
		relativePath: request.relativePath,
		force: request.force === true,
		codeDocs: request.codeDocs,
		...(session ? { parser: session.parser } : {}),
	};
	hooks.beforeCheck?.(request.text);
	const result = checkDocument(document, options);
	if (session) {
		session.analysis = { document, result, options, editorActions: request.editorActions };
	}
	return { isDesignDoc: result.isDesignDoc, diagnostics: result.diagnostics, status: result.status, anchor: result.outline.anchor };
}

/** How the worker talks to the server, whatever runs it. */
export interface WorkerPort {
	post(message: WorkerAnswer | WorkerSignal): void;
	onMessage(listener: (message: WorkerMessage) => void): void;
}

export interface WorkerHooks {
	/** Called with each doc's text before it is checked (the Node worker's crash-on-demand for tests). */
	readonly beforeCheck?: (text: string) => void;
}

let hooks: WorkerHooks = {};

export function serveParseRequests(port: WorkerPort, workerHooks: WorkerHooks = {}): void {
	hooks = workerHooks;
	warmUp();
	port.onMessage(({ id, request }) => {
		// The server's clock for this request's budget starts now, not when it was queued.
		port.post({ started: id });
		let answer: WorkerAnswer;
		try {
			answer = { id, reply: handle(request) };
		} catch (error) {
			answer = error instanceof NotCheckedHere ? { id, notChecked: true } : { id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
		}
		port.post(answer);
	});
}

/**
 * One check of the bundled template before the first request: the parser's
 * code is compiled on first use, and that cost (seconds on a loaded machine,
 * in a browser) must not count against the first request's budget, nor
 * against the first request after every replacement of a worker.
 */
function warmUp(): void {
	const document = TextDocument.create('untitled:warm-up', 'markdown', 0, bundledTemplate.text);
	checkDocument(document, { template: models.get(bundledTemplate), settings: defaultSettings, force: true });
}
