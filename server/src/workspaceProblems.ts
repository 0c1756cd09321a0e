import {
	CancellationToken,
	ClientCapabilities,
	Disposable,
	DocumentDiagnosticReportKind,
	DocumentDiagnosticRequest,
	LSPErrorCodes,
	PreviousResultId,
	ResponseError,
	WorkspaceDocumentDiagnosticReport,
	type Connection,
	type DiagnosticServerCancellationData,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { DesignDocSettings } from './service/settings';
import type { CheckReply } from './worker/messages';

export interface ProblemsHost {
	/** URIs of the design docs on disk the workspace index holds. */
	docs(): readonly string[];
	isOpen(uri: string): boolean;
	/** Findings that need the workspace index (`duplicate-number`), placed with `head`. */
	workspaceDiagnostics(head: TextDocument, anchor: CheckReply['anchor'], settings: DesignDocSettings): Diagnostic[];
}

interface Recorded {
	/** Without `data`: fixes are offered only on open docs, and it holds template guidance. */
	readonly diagnostics: readonly Diagnostic[];
	/** The doc's text up to the end of its anchor: all that placing a workspace-wide finding needs. */
	readonly head: TextDocument;
	readonly anchor: CheckReply['anchor'];
	readonly settings: DesignDocSettings;
}

/** A `workspace/diagnostic` request held until it has something to say. */
interface Held {
	/** The client's result ids, by URI. */
	readonly previous: ReadonlyMap<string, string>;
	answer(items: WorkspaceDocumentDiagnosticReport[]): void;
	fail(error: ResponseError<DiagnosticServerCancellationData | void>): void;
}

/** The result id of a report with nothing in it: what the client holds after a doc stopped being reported. */
const cleared = 'none';

/**
 * `designDoc.problems: "workspace"`: the findings of design docs that are not
 * open, from what the workspace index read of them (so they follow the files
 * on disk), in the Problems panel. Open docs keep their own pushed diagnostics,
 * computed as they are typed; nothing here runs per keystroke.
 *
 * Clients with LSP 3.17 pull diagnostics get a dynamically registered
 * `workspace/diagnostic` provider while some folder wants it; others get
 * `textDocument/publishDiagnostics` for each doc. A pull that would only say
 * "unchanged" is held until a doc changes (LSP 3.17's long poll): VS Code asks
 * again 2 s after every answer, so answering at once would cost a request every
 * 2 s for as long as the workspace is idle.
 */
export class WorkspaceProblems {
	private readonly recorded = new Map<string, Recorded>();
	/** Push: what each doc not open was last sent, as a result id. */
	private readonly published = new Map<string, string>();
	/** Per doc, how often it was closed: while open the client's copy was replaced, so a report after that is never "unchanged". */
	private readonly closings = new Map<string, number>();
	private readonly held = new Set<Held>();
	private registration: Promise<Disposable> | undefined;
	private pull = false;
	private refresh = false;

	constructor(
		private readonly connection: Connection,
		private readonly host: ProblemsHost,
	) {}

	initialize(capabilities: ClientCapabilities): void {
		// Registered only while wanted, so a client in the default mode never polls for workspace reports.
		this.pull = capabilities.textDocument?.diagnostic?.dynamicRegistration === true;
		this.refresh = capabilities.workspace?.diagnostics?.refreshSupport === true;
	}

	/**
	 * What the index just read of a doc, kept only in a folder that wants it (a change of
	 * `designDoc.problems` re-reads the workspace); a reply that is not a design doc's forgets it.
	 */
	record(document: TextDocument, reply: CheckReply, settings: DesignDocSettings): void {
		if (!reply.isDesignDoc || settings.problems !== 'workspace') {
			this.recorded.delete(document.uri);
			return;
		}
		this.recorded.set(document.uri, {
			diagnostics: reply.diagnostics.map(({ data: _data, ...diagnostic }) => diagnostic),
			head: TextDocument.create(document.uri, document.languageId, 0, copied(document.getText().slice(0, reply.anchor.end))),
			anchor: reply.anchor,
			settings,
		});
	}

	/** The editor closed the doc (and its pushed diagnostics were cleared): report it afresh. */
	closed(uri: string): void {
		this.closings.set(uri, (this.closings.get(uri) ?? 0) + 1);
		this.published.delete(uri);
	}

	/** After the index changed: tell the client. */
	async sync(): Promise<void> {
		const wanted = [...this.recorded.values()].some((entry) => entry.settings.problems === 'workspace');
		if (this.pull) {
			const registered = this.registration !== undefined;
			await this.register(wanted);
			// A held pull carries the change; a client with none held is asked to pull.
			const answered = this.answerHeld();
			if (this.refresh && !answered && (wanted || registered)) {
				this.connection.languages.diagnostics.refresh();
			}
			return;
		}
		const current = this.current();
		for (const [uri, diagnostics] of current) {
			const resultId = this.resultId(uri, diagnostics);
			if (this.published.get(uri) !== resultId) {
				this.published.set(uri, resultId);
				void this.connection.sendDiagnostics({ uri, diagnostics: [...diagnostics] });
			}
		}
		for (const uri of [...this.published.keys()].filter((uri) => !current.has(uri))) {
			this.published.delete(uri);
			// An open doc's own diagnostics replaced these already.
			if (!this.host.isOpen(uri)) {
				void this.connection.sendDiagnostics({ uri, diagnostics: [] });
			}
		}
	}

	/**
	 * `workspace/diagnostic`: every doc reported, unchanged where the client has it already, cleared
	 * where it is no longer. Answered at once if that says anything new, else held until it does
	 * (a `sync`) or the client cancels.
	 */
	report(previous: readonly PreviousResultId[], token: CancellationToken): Promise<WorkspaceDocumentDiagnosticReport[]> {
		const held = new Map(previous.map((result) => [result.uri, result.value]));
		const items = this.items(held);
		if (changes(items)) {
			return Promise.resolve(items);
		}
		return new Promise((resolve, reject) => {
			let cancelled: Disposable | undefined;
			const release = () => {
				this.held.delete(request);
				cancelled?.dispose();
			};
			const request: Held = {
				previous: held,
				answer: (items) => {
					release();
					resolve(items);
				},
				fail: (error) => {
					release();
					reject(error);
				},
			};
			this.held.add(request);
			cancelled = token.onCancellationRequested(() => request.fail(new ResponseError(LSPErrorCodes.RequestCancelled, 'The workspace diagnostic pull was cancelled.')));
		});
	}

	/** The server is shutting down: held pulls end, and the client is told not to ask again. */
	dispose(): void {
		for (const request of [...this.held]) {
			request.fail(new ResponseError(LSPErrorCodes.ServerCancelled, 'The Design Doc server is shutting down.', { retriggerRequest: false }));
		}
	}

	/** Answers the held pulls that have news; whether there were any held. */
	private answerHeld(): boolean {
		const any = this.held.size > 0;
		for (const request of [...this.held]) {
			const items = this.items(request.previous);
			if (changes(items)) {
				request.answer(items);
			}
		}
		return any;
	}

	private items(held: ReadonlyMap<string, string>): WorkspaceDocumentDiagnosticReport[] {
		const items: WorkspaceDocumentDiagnosticReport[] = [];
		const current = this.current();
		for (const [uri, diagnostics] of current) {
			const resultId = this.resultId(uri, diagnostics);
			items.push(
				held.get(uri) === resultId
					? { kind: DocumentDiagnosticReportKind.Unchanged, uri, version: null, resultId }
					: { kind: DocumentDiagnosticReportKind.Full, uri, version: null, resultId, items: [...diagnostics] },
			);
		}
		for (const [uri, value] of held) {
			if (!current.has(uri) && value !== cleared) {
				items.push({ kind: DocumentDiagnosticReportKind.Full, uri, version: null, resultId: cleared, items: [] });
			}
		}
		return items;
	}

	/** Diagnostics of every doc to report: in a folder that wants them, and not open. */
	private current(): Map<string, readonly Diagnostic[]> {
		const docs = new Set(this.host.docs());
		const current = new Map<string, readonly Diagnostic[]>();
		for (const [uri, entry] of this.recorded) {
			if (!docs.has(uri)) {
				// Deleted, or no longer a design doc: the index dropped it.
				this.recorded.delete(uri);
			} else if (entry.settings.problems === 'workspace' && !this.host.isOpen(uri)) {
				current.set(uri, [...entry.diagnostics, ...this.host.workspaceDiagnostics(entry.head, entry.anchor, entry.settings)]);
			}
		}
		return current;
	}

	private resultId(uri: string, diagnostics: readonly Diagnostic[]): string {
		return hash53(`${this.closings.get(uri) ?? 0}:${JSON.stringify(diagnostics)}`);
	}

	private async register(wanted: boolean): Promise<void> {
		if (wanted && !this.registration) {
			this.registration = this.connection.client.register(DocumentDiagnosticRequest.type, {
				documentSelector: null,
				identifier: 'design-doc',
				interFileDependencies: true,
				workspaceDiagnostics: true,
			});
		} else if (!wanted && this.registration) {
			const registration = this.registration;
			this.registration = undefined;
			(await registration).dispose();
		}
	}
}

/**
 * A 53-bit hash of a string (cyrb53), as a result id: it changes when the
 * report does. No node:crypto, so the server runs in a browser too.
 */
function hash53(text: string): string {
	let h1 = 0xdeadbeef;
	let h2 = 0x41c6ce57;
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		h1 = Math.imul(h1 ^ code, 2654435761);
		h2 = Math.imul(h2 ^ code, 1597334677);
	}
	h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
	h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
	return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/** Whether a report tells the client anything it does not hold already. */
function changes(items: readonly WorkspaceDocumentDiagnosticReport[]): boolean {
	return items.some((item) => item.kind === DocumentDiagnosticReportKind.Full);
}

/**
 * A copy of a string that shares no memory with it: a slice of a long string
 * keeps all of it alive (V8's sliced strings), and the index reads every doc.
 */
function copied(slice: string): string {
	// JSON keeps lone surrogates as escapes, so the copy is exact.
	return JSON.parse(JSON.stringify(slice)) as string;
}
