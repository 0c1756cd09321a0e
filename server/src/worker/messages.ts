import type { CodeAction, CodeLens, CompletionItem, Diagnostic, Hover, Position, WorkspaceEdit } from 'vscode-languageserver-types';
import type { CodeActionRequest } from '../service/codeActions';
import type { DesignDocSettings } from '../service/settings';
import type { DocStatus } from '../service/status';
import type { TemplateSource } from '../service/templateModels';

/** What the server asks of the service worker. Every call for an open doc names the version it is about. */
export type WorkerRequest =
	| {
			readonly kind: 'check';
			readonly uri: string;
			readonly version: number;
			readonly text: string;
			readonly template: TemplateSource;
			readonly settings: DesignDocSettings;
			readonly relativePath: string | undefined;
			/** An open doc: keep its pieces and outline for the requests that follow. */
			readonly keep: boolean;
			/** Check it even if it does not look like a design doc (a file named on the CLI's command line). */
			readonly force?: boolean;
			readonly editorActions: boolean;
			/** URI of the code pages' folder, ending in `/`: each diagnostic links its code's page (the CLI's have none). */
			readonly codeDocs?: string;
	  }
	| { readonly kind: 'codeActions'; readonly uri: string; readonly version: number; readonly request: CodeActionRequest; readonly extra: readonly Diagnostic[] }
	| { readonly kind: 'fixAll'; readonly uri: string; readonly version: number }
	| { readonly kind: 'completion'; readonly uri: string; readonly version: number; readonly position: Position }
	| { readonly kind: 'hover'; readonly uri: string; readonly version: number; readonly position: Position }
	| { readonly kind: 'codeLens'; readonly uri: string; readonly version: number }
	| { readonly kind: 'forget'; readonly uri: string }
	| { readonly kind: 'newDocText'; readonly template: TemplateSource; readonly title: string };

export interface CheckReply {
	readonly isDesignDoc: boolean;
	readonly diagnostics: Diagnostic[];
	readonly status: DocStatus | undefined;
	/** Offsets of the title heading (or 0, 0): where workspace-wide findings are shown. */
	readonly anchor: { readonly start: number; readonly end: number };
}

/** The reply type for each request kind. */
export interface WorkerReplies {
	check: CheckReply;
	codeActions: CodeAction[];
	fixAll: WorkspaceEdit | null;
	completion: CompletionItem[];
	hover: Hover | null;
	codeLens: CodeLens[];
	forget: null;
	newDocText: string;
}

export type WorkerMessage = { readonly id: number; readonly request: WorkerRequest };
/** `notChecked`: the request is about a doc version this worker has not checked (it was replaced since). */
export type WorkerAnswer = { readonly id: number; readonly reply?: unknown; readonly error?: string; readonly notChecked?: true };
/** What the worker says besides answers: when it starts on a request (the budget's clock starts then). */
export type WorkerSignal = { readonly started: number };
/** A Node worker thread's kernel id, sent once, for its CPU clock (read by nodeWorkers.ts, not the host). */
export type ThreadSignal = { readonly thread: number };
