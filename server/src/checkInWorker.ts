import { TextDocument } from 'vscode-languageserver-textdocument';
import type { DesignDocSettings } from './service/settings';
import { looksLikeDesignDoc, structuralCheck } from './service/structuralCheck';
import { OverBudget, type ServiceHost, WorkerRestarted } from './serviceHost';
import type { CheckReply, WorkerRequest } from './worker/messages';

export type CheckRequest = Extract<WorkerRequest, { kind: 'check' }>;

/** What became of one check: the worker's reply, or why there is none. */
export type CheckOutcome =
	| { readonly kind: 'checked'; readonly reply: CheckReply }
	/** Over `maxDocumentSizeKb`: not sent to the worker. */
	| { readonly kind: 'tooBig'; readonly reason: string }
	| { readonly kind: 'overBudget'; readonly error: OverBudget }
	| { readonly kind: 'failed'; readonly error: unknown };

/**
 * The full check of one doc, as the server and the CLI both run it: a doc
 * over `maxDocumentSizeKb` is not sent to the worker, and one the worker does
 * not finish within `budgetMs` of work is over budget (the caller falls back
 * to `structuralReply`). A request whose worker was replaced under it is
 * asked again: always when it only waited behind the request that ended the
 * worker, twice at most when it was the one running (it may be what crashes
 * the worker); any other error is a failure. `settingPrefix` names the settings as the user set them
 * (`designDoc.` in the editor, nothing in `.designdocrc.json`).
 */
export async function checkInWorker(host: Pick<ServiceHost, 'request'>, request: CheckRequest, budgetMs: number, settingPrefix: string): Promise<CheckOutcome> {
	const { maxDocumentSizeKb } = request.settings;
	const sizeKb = Math.ceil(request.text.length / 1024);
	if (sizeKb > maxDocumentSizeKb) {
		return { kind: 'tooBig', reason: `the document is ${sizeKb} KB, more than the ${maxDocumentSizeKb} KB set in ${settingPrefix}maxDocumentSizeKb` };
	}
	// Only restarts this request may have caused count: every other one counted against the request that caused it, so this ends.
	let ranWhenRestarted = 0;
	for (;;) {
		try {
			return { kind: 'checked', reply: await host.request(request, budgetMs) };
		} catch (error) {
			if (error instanceof OverBudget) {
				return { kind: 'overBudget', error };
			}
			if (!(error instanceof WorkerRestarted) || (error.wasRunning && ++ranWhenRestarted > 2)) {
				return { kind: 'failed', error };
			}
		}
	}
}

/** How much of a doc the structural check scans: the default `maxDocumentSizeKb`, a few tens of ms. */
const structuralSliceChars = 1024 * 1024;

/**
 * The line scanner's stand-in for a full check: which of the template's
 * sections are there, and a `validation-skipped` notice giving `reason`.
 * `force`: a doc named on the CLI's command line is a design doc whatever it looks like.
 */
export function structuralReply(
	document: TextDocument,
	templateText: string,
	settings: DesignDocSettings,
	relativePath: string | undefined,
	reason: string,
	force = false,
	codeDocs?: string,
): CheckReply {
	// It runs on the server's own thread: on a bounded slice, so no doc holds up the answers to other requests.
	const text = document.getText();
	const partial = text.length > structuralSliceChars;
	const slice = partial ? TextDocument.create(document.uri, document.languageId, document.version, text.slice(0, structuralSliceChars)) : document;
	const isDesignDoc = force || looksLikeDesignDoc(slice.getText(), templateText, relativePath, settings);
	if (!isDesignDoc) {
		return { isDesignDoc, diagnostics: [], status: undefined, anchor: { start: 0, end: 0 } };
	}
	const fileName = relativePath?.split('/').pop();
	const why = partial ? `${reason}; only its first ${structuralSliceChars / 1024} KB were scanned` : reason;
	const { diagnostics, status } = structuralCheck(slice, templateText, settings, why, fileName || 'Untitled', codeDocs, partial);
	return { isDesignDoc, diagnostics, status, anchor: { start: 0, end: 0 } };
}
