// The extension in a real VS Code: activation, diagnostics, a quick fix, restarting the server.
import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { suite, teardown, test } from 'mocha';
import * as vscode from 'vscode';
import { EXTENSION_ID, codeOf, designDocDiagnostics, openDoc, resetEditors, waitFor, waitForDiagnostics } from './helpers';

const hasCode = (code: string) => (ds: vscode.Diagnostic[]) => ds.some((d) => codeOf(d) === code);

suite('Design Doc Assistant in VS Code', () => {
	teardown(resetEditors);

	test('activates when a design doc is opened', async () => {
		const extension = vscode.extensions.getExtension(EXTENSION_ID);
		assert.ok(extension, `${EXTENSION_ID} is not installed in the extension host`);
		const editor = await openDoc('04-arm-build.md');
		assert.equal(editor.document.languageId, 'markdown');
		// Activation fires no event of its own: re-check on diagnostics and on a short bounded poll.
		await waitFor(() => extension.isActive, { what: 'the extension to activate', pollMs: 50 });
		await waitForDiagnostics(editor.document.uri, (ds) => ds.length > 0);
	});

	test('reports a placeholder title and a missing section', async () => {
		const arm = await openDoc('04-arm-build.md');
		const armDiagnostics = await waitForDiagnostics(arm.document.uri, hasCode('placeholder'));
		const title = armDiagnostics.find((d) => codeOf(d) === 'placeholder' && d.range.start.line === 0);
		assert.ok(title, `no placeholder diagnostic on line 0: ${JSON.stringify(armDiagnostics.map((d) => [codeOf(d), d.range.start.line]))}`);
		assert.match(title.message, /Title/);

		const exclude = await openDoc('05-kpt-fn-exclude.md');
		const excludeDiagnostics = await waitForDiagnostics(exclude.document.uri, hasCode('missing-section'));
		const missing = excludeDiagnostics.find((d) => codeOf(d) === 'missing-section');
		assert.ok(missing);
		assert.match(missing.message, /## User Guide/);
		assert.equal(missing.severity, vscode.DiagnosticSeverity.Error);
	});

	test('the quick fix inserts the missing section, the cursor is in it, and the diagnostic goes away', async () => {
		const editor = await openDoc('05-kpt-fn-exclude.md');
		const uri = editor.document.uri;
		const [missing] = (await waitForDiagnostics(uri, hasCode('missing-section'))).filter((d) => codeOf(d) === 'missing-section');
		const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, missing.range);
		// The command's results carry no `diagnostics`: find the fix by kind and title.
		const fix = actions.find((a) => a.kind && vscode.CodeActionKind.QuickFix.contains(a.kind) && a.title.includes('## User Guide'));
		// In VS Code the fix is a snippet (run by its command) that leaves the cursor in the new section.
		assert.ok(fix?.command, `no quick fix with a command for the missing section among: ${actions.map((a) => a.title).join(' | ')}`);
		assert.equal(fix.isPreferred, true);
		await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));
		const lines = editor.document.getText().split(/\r?\n/);
		const heading = lines.indexOf('## User Guide');
		assert.ok(heading > 0, 'no ## User Guide line');
		const cursor = vscode.window.activeTextEditor?.selection.active;
		const next = lines.findIndex((line, index) => index > heading && /^#/.test(line));
		assert.ok(cursor && cursor.line > heading && cursor.line < next, `the cursor is on line ${cursor?.line}, not in the section (lines ${heading}-${next})`);
		assert.equal(lines[cursor.line], '', 'the cursor is on a line of its own');
		await waitForDiagnostics(uri, (ds) => ds.length > 0 && !hasCode('missing-section')(ds), 'the missing-section diagnostic to go away');
	});

	test('designDoc.restartServer restarts the server and diagnostics come back', async () => {
		const editor = await openDoc('04-arm-build.md');
		const uri = editor.document.uri;
		await waitForDiagnostics(uri, hasCode('placeholder'));
		// The old client's diagnostics are cleared when it stops; the new server publishes afresh.
		const cleared = waitFor(() => designDocDiagnostics(uri).length === 0, { what: 'the diagnostics to be cleared by the restart' });
		await vscode.commands.executeCommand('designDoc.restartServer');
		await cleared;
		await waitForDiagnostics(uri, hasCode('placeholder'), 'the diagnostics to come back after the restart');
	});

	test('the server process killed: the client restarts it and the diagnostics come back', async () => {
		const editor = await openDoc('04-arm-build.md');
		const uri = editor.document.uri;
		await waitForDiagnostics(uri, hasCode('placeholder'));
		const [pid] = serverPids();
		assert.ok(pid, 'the server runs under the extension host');
		process.kill(pid, 'SIGKILL');
		await waitFor(() => serverPids().some((other) => other !== pid), { what: 'a new server process', pollMs: 50 });
		// The client keeps the old diagnostics across a restart: an edit proves the new server checks the doc.
		await editor.edit((edit) => edit.replace(new vscode.Range(0, 2, 0, 7), 'Arm Build'));
		await waitForDiagnostics(
			uri,
			(ds) => ds.length > 0 && !ds.some((d) => codeOf(d) === 'placeholder' && d.range.start.line === 0),
			'the restarted server to check the edited doc',
		);
	});
});

/** The language servers: the extension host's child processes running dist/server.js. */
function serverPids(): number[] {
	return readdirSync('/proc')
		.filter((entry) => /^\d+$/.test(entry))
		.filter((pid) => {
			try {
				const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
				const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
				return parent === process.pid && readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('dist/server.js');
			} catch {
				return false;
			}
		})
		.map(Number);
}
