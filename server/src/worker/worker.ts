/**
 * The service worker: every parse happens here, off the server's main thread,
 * so a document remark-parse takes seconds over never stops the server from
 * answering; the server gives each request a time budget and replaces this
 * worker when one runs over.
 */
import { parentPort } from 'node:worker_threads';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { codeActions } from '../service/codeActions';
import { codeLenses } from '../service/codeLens';
import { completions } from '../service/completion';
import { fixAll } from '../service/fixAll';
import { hover } from '../service/hover';
import { IncrementalParser } from '../service/incremental';
import { CheckOptions, CheckResult, checkDocument } from '../service/languageService';
import { newDocText } from '../service/newDoc';
import { TemplateModels } from '../service/templateModels';
import { versionedEdit } from '../service/versionedEdit';
import type { CheckReply, WorkerAnswer, WorkerMessage, WorkerReplies, WorkerRequest, WorkerSignal } from './messages';
import { currentThreadId } from './threadClock';

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
	injectCrash(request.text);
	const result = checkDocument(document, options);
	if (session) {
		session.analysis = { document, result, options, editorActions: request.editorActions };
	}
	return { isDesignDoc: result.isDesignDoc, diagnostics: result.diagnostics, status: result.status, anchor: result.outline.anchor };
}

declare const TEST_HOOKS: boolean;

/**
 * Tests of what the server and the CLI do when the checker crashes need a
 * crash on demand: in development builds only (production builds drop this),
 * a doc containing `DESIGN_DOC_TEST_CRASH`'s marker makes the check throw
 * (`throw:MARKER`) or the worker exit (`exit:MARKER`).
 */
function injectCrash(text: string): void {
	const hook = TEST_HOOKS ? /^(throw|exit):(.+)$/.exec(process.env.DESIGN_DOC_TEST_CRASH ?? '') : null;
	if (hook && text.includes(hook[2]!)) {
		if (hook[1] === 'exit') {
			process.exit(70);
		}
		throw new Error(`injected crash (${hook[2]})`);
	}
}

const port = parentPort!;
const signal = (message: WorkerSignal) => port.postMessage(message);
const thread = currentThreadId();
if (thread !== undefined) {
	signal({ thread });
}

port.on('message', ({ id, request }: WorkerMessage) => {
	// The server's clock for this request's budget starts now, not when it was queued.
	signal({ started: id });
	let answer: WorkerAnswer;
	try {
		answer = { id, reply: handle(request) };
	} catch (error) {
		answer = error instanceof NotCheckedHere ? { id, notChecked: true } : { id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
	}
	port.postMessage(answer);
});
