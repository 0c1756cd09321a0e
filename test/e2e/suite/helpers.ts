// Helpers for the real-editor tests: waits on events and on the server's state (no fixed
// sleeps), the workspace's design docs, and resetting the editors between tests.
//
// On a busy machine anything may take long, so a wait has no short deadline: it ends when
// what it waits for happens, or, as a backstop, after E2E_WAIT_MS (default 120 s) with a
// message saying what it waited for and what it saw last.
import * as vscode from 'vscode';
import type { CheckState } from '../../../server/src/protocol';

export const EXTENSION_ID = 'design-doc-assistant.design-doc-assistant';
export const SOURCE = 'design-doc';
/** How long a wait may last at most (ms): generous, for a loaded 2-core machine. */
export const WAIT_MS = Number(nodeProcess()?.env.E2E_WAIT_MS) || 120_000;

/** Node's `process`; undefined in the web-worker extension host, which runs these helpers too (test/e2e/web-suite). */
function nodeProcess(): { env: Record<string, string | undefined> } | undefined {
	return (globalThis as { process?: { env: Record<string, string | undefined> } }).process;
}

export interface WaitOptions {
	/** Give up after this long (ms); default WAIT_MS. */
	timeout?: number;
	/** What is being waited for, for the timeout message. */
	what?: string;
	/** What was seen last, appended to the timeout message. */
	seen?: () => string;
	/** Events after which the condition is checked again (besides once at the start). */
	events?: vscode.Event<unknown>[];
	/** Also re-check on this interval (ms), for states that fire no event (such as `isActive`). */
	pollMs?: number;
}

/** Resolves with the first truthy value of `condition`, checked at once and after each event. */
export function waitFor<T>(condition: () => T | undefined | false | Promise<T | undefined | false>, options: WaitOptions = {}): Promise<T> {
	const { timeout = WAIT_MS, what = 'condition', events = [vscode.languages.onDidChangeDiagnostics], pollMs, seen } = options;
	return new Promise<T>((resolve, reject) => {
		const disposables: vscode.Disposable[] = [];
		let done = false;
		const finish = (fn: () => void) => {
			if (done) return;
			done = true;
			clearTimeout(timer);
			if (poller) clearInterval(poller);
			disposables.forEach((d) => d.dispose());
			fn();
		};
		const check = async () => {
			if (done) return;
			try {
				const value = await condition();
				if (value) finish(() => resolve(value as T));
			} catch (err) {
				finish(() => reject(err));
			}
		};
		const timer = setTimeout(() => finish(() => reject(new Error(`Timed out after ${timeout} ms waiting for ${what}${seen ? `; last seen: ${seen()}` : ''}`))), timeout);
		const poller = pollMs ? setInterval(check, pollMs) : undefined;
		for (const event of events) disposables.push(event(() => void check()));
		void check();
	});
}

/** The extension's diagnostics on a document. */
export function designDocDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
	return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

export function codeOf(d: vscode.Diagnostic): string | undefined {
	return typeof d.code === 'object' ? String(d.code.value) : d.code === undefined ? undefined : String(d.code);
}

/**
 * The server's account of a document (the extension's `designDoc.checkState` command);
 * undefined while the server is not there to ask (starting, restarting).
 */
export async function checkState(uri: vscode.Uri): Promise<CheckState | undefined> {
	try {
		return await vscode.commands.executeCommand<CheckState>('designDoc.checkState', uri.toString());
	} catch {
		return undefined;
	}
}

/**
 * True when what the editor shows of the document is final for now: the server has published
 * the diagnostics of a full check (not only the structural check of a skipped one) of the
 * document's current version, has no check of it scheduled or running, and those diagnostics
 * have reached the editor. A skipped check is retried by the server when it is idle.
 */
function isSettled(state: CheckState | undefined, document: vscode.TextDocument | undefined, shown: number): boolean {
	const published = state?.published;
	return !!document && !!published && !state.busy && state.version === document.version && published.version === document.version && published.full && published.count === shown;
}

const describeState = (state: CheckState | undefined) => (state ? JSON.stringify(state) : 'no answer from the server');
const describeDiagnostics = (ds: vscode.Diagnostic[]) => `[${ds.map((d) => `${codeOf(d)}@${d.range.start.line}`).join(', ')}]`;

/**
 * Waits until the server has fully checked the document at its current version (see
 * `isSettled`) and the design-doc diagnostics it published satisfy `predicate`; returns them.
 * Re-checked on every diagnostics change (each publication is one), so it never sleeps.
 */
export function waitForDiagnostics(
	uri: vscode.Uri,
	predicate: (diagnostics: vscode.Diagnostic[]) => boolean,
	what = `design-doc diagnostics on ${uri.path.split('/').pop()}`,
	timeout?: number,
): Promise<vscode.Diagnostic[]> {
	let lastState: CheckState | undefined;
	let lastDiagnostics: vscode.Diagnostic[] = [];
	return waitFor(
		async () => {
			lastState = await checkState(uri);
			const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
			// Read after the answer: the diagnostics the state speaks of have reached the editor by then.
			lastDiagnostics = designDocDiagnostics(uri);
			return isSettled(lastState, document, lastDiagnostics.length) && predicate(lastDiagnostics) ? lastDiagnostics : undefined;
		},
		{
			what: `${what} (from a full check of the current version)`,
			timeout,
			seen: () => `diagnostics ${describeDiagnostics(lastDiagnostics)}, server ${describeState(lastState)}`,
		},
	);
}

/** Waits until the server has fully checked the document at its current version; returns its diagnostics. */
export function waitForCheck(uri: vscode.Uri, what = `the server to check ${uri.path.split('/').pop()}`): Promise<vscode.Diagnostic[]> {
	return waitForDiagnostics(uri, () => true, what);
}

/** A file of the test workspace (a fresh copy of test/fixtures/kpt-design-docs). */
export function docUri(name: string): vscode.Uri {
	const folder = vscode.workspace.workspaceFolders?.[0];
	if (!folder) throw new Error('no workspace folder is open');
	return vscode.Uri.joinPath(folder.uri, name);
}

/** Opens a doc of the workspace in an editor. */
export async function openDoc(name: string): Promise<vscode.TextEditor> {
	const document = await vscode.workspace.openTextDocument(docUri(name));
	return vscode.window.showTextDocument(document);
}

/** Reverts every edited document and closes all editors, so tests do not see each other's edits. */
export async function resetEditors(): Promise<void> {
	for (const document of vscode.workspace.textDocuments.filter((d) => d.isDirty)) {
		await vscode.window.showTextDocument(document);
		await vscode.commands.executeCommand('workbench.action.files.revert');
	}
	await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** Resolves with the first `event` whose value satisfies `predicate` (subscribe before causing it). */
export function waitForEvent<T>(event: vscode.Event<T>, predicate: (value: T) => boolean = () => true, what = 'an event', timeout = WAIT_MS): Promise<T> {
	return new Promise<T>((resolve, reject) => {
		const timer = setTimeout(() => {
			subscription.dispose();
			reject(new Error(`Timed out after ${timeout} ms waiting for ${what}`));
		}, timeout);
		const subscription = event((value) => {
			if (!predicate(value)) return;
			clearTimeout(timer);
			subscription.dispose();
			resolve(value);
		});
	});
}
