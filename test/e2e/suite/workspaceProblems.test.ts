// `designDoc.problems: "workspace"` in the real VS Code: its language client pulls the
// workspace's diagnostics (LSP 3.17), and the server holds a pull with nothing new until a doc
// changes on disk. What a person sees: the findings of docs that are not open in Problems,
// following a change another program makes to the file.
import { suite, teardown, test } from 'mocha';
import * as vscode from 'vscode';
import { codeOf, designDocDiagnostics, docUri, waitFor } from './helpers';

// No other test opens it: the editor's text of an open doc would count instead of the disk's.
const FILE = '08-package-variant.md';

/** The codes of the design-doc findings VS Code holds for the doc, once `test` accepts them. */
function findingsWhere(test: (codes: string[]) => boolean, what: string): Promise<string[]> {
	let seen: string[] = [];
	return waitFor(
		() => {
			seen = designDocDiagnostics(docUri(FILE)).map((d) => codeOf(d) ?? '');
			return test(seen) && seen;
		},
		{ what, seen: () => JSON.stringify(seen) },
	);
}

suite('Design Doc Assistant: Problems for the whole workspace', () => {
	let original: Uint8Array | undefined;

	teardown(async () => {
		if (original) await vscode.workspace.fs.writeFile(docUri(FILE), original);
		original = undefined;
		await vscode.workspace.getConfiguration('designDoc').update('problems', undefined, vscode.ConfigurationTarget.Workspace);
	});

	test('a doc that is not open has its findings in Problems, and they follow a change on disk', async () => {
		const uri = docUri(FILE);
		await vscode.workspace.getConfiguration('designDoc').update('problems', 'workspace', vscode.ConfigurationTarget.Workspace);
		// 08 lacks its User Guide and more.
		await findingsWhere((codes) => codes.includes('missing-section') && !codes.includes('placeholder'), `${FILE}'s findings while it is not open`);

		// Another program gives it the template's placeholder title: the held pull brings the new finding.
		original = await vscode.workspace.fs.readFile(uri);
		const text = new TextDecoder().decode(original);
		await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text.replace(/^# .*$/m, '# Title')));
		await findingsWhere((codes) => codes.includes('missing-section') && codes.includes('placeholder'), `the placeholder title written on disk among ${FILE}'s findings`);
	});
});
