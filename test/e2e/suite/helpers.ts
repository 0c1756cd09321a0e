// Helpers for the real-editor tests: event waits with a timeout (no fixed sleeps),
// the workspace's design docs, and resetting the editors between tests.
import * as vscode from 'vscode';

export const EXTENSION_ID = 'design-doc-assistant.design-doc-assistant';
export const SOURCE = 'design-doc';

export interface WaitOptions {
	/** Give up after this long (ms). */
	timeout?: number;
	/** What is being waited for, for the timeout message. */
	what?: string;
	/** Events after which the condition is checked again (besides once at the start). */
	events?: vscode.Event<unknown>[];
	/** Also re-check on this interval (ms), for states that fire no event (such as `isActive`). */
	pollMs?: number;
}

/** Resolves with the first truthy value of `condition`, checked at once and after each event. */
export function waitFor<T>(condition: () => T | undefined | false | Promise<T | undefined | false>, options: WaitOptions = {}): Promise<T> {
	const { timeout = 20_000, what = 'condition', events = [vscode.languages.onDidChangeDiagnostics], pollMs } = options;
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
		const timer = setTimeout(() => finish(() => reject(new Error(`Timed out after ${timeout} ms waiting for ${what}`))), timeout);
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

/** Waits until the document's design-doc diagnostics satisfy `predicate`, and returns them. */
export function waitForDiagnostics(
	uri: vscode.Uri,
	predicate: (diagnostics: vscode.Diagnostic[]) => boolean,
	what = `design-doc diagnostics on ${uri.path.split('/').pop()}`,
	timeout?: number,
): Promise<vscode.Diagnostic[]> {
	return waitFor(
		() => {
			const diagnostics = designDocDiagnostics(uri);
			return predicate(diagnostics) ? diagnostics : undefined;
		},
		{ what, timeout },
	);
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
export function waitForEvent<T>(event: vscode.Event<T>, predicate: (value: T) => boolean = () => true, what = 'an event', timeout = 20_000): Promise<T> {
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
