// The Design Docs view's rows and actions, and where the cursor is after the extension writes
// a section or a doc: what a person sees of them in a real VS Code.
import * as assert from 'node:assert/strict';
import { suite, teardown, test } from 'mocha';
import * as vscode from 'vscode';
import type { DesignDocApi } from '../../../client/src/startExtension';
import type { Node } from '../../../client/src/designDocsTree';
import { EXTENSION_ID, codeOf, docUri, openDoc, resetEditors, waitFor, waitForDiagnostics, waitForEvent } from './helpers';

async function view(): Promise<DesignDocApi['designDocsView']> {
	const extension = vscode.extensions.getExtension<DesignDocApi>(EXTENSION_ID)!;
	return (await extension.activate()).designDocsView;
}

/** The row of `heading` (a section) or of a question under the doc `fileName`, once the view lists it. */
async function row(fileName: string, pick: (node: Node) => boolean, what: string): Promise<Node> {
	const tree = await view();
	return waitFor(
		() => {
			const doc = tree
				.getChildren()
				.flatMap((group) => tree.getChildren(group))
				.find((node) => node.kind === 'doc' && node.report.uri === docUri(fileName).toString());
			return doc ? tree.getChildren(doc).find(pick) : undefined;
		},
		{ what, events: [tree.onDidChangeTreeData] },
	);
}

function selectionOf(item: vscode.TreeItem): vscode.Range | undefined {
	return (item.command?.arguments?.[1] as { selection?: vscode.Range } | undefined)?.selection;
}

suite('Design Doc Assistant: the Design Docs view and the cursor', () => {
	teardown(resetEditors);

	test('a missing section row opens where the section belongs and offers Insert, which leaves the cursor in the new section', async () => {
		const node = await row('07-package-orchestration.md', (n) => n.kind === 'section' && !n.section.present, "07's missing section row");
		assert.ok(node.kind === 'section');
		assert.equal(node.section.heading, 'Design');
		const item = (await view()).getTreeItem(node);
		assert.equal(item.contextValue, 'designDoc.missingSection', 'the inline Insert action shows on this row');
		const target = selectionOf(item)?.start.line;
		assert.ok(target !== undefined && target > 5, `the row opens line ${target}, not after ## Why (line 5)`);

		await vscode.commands.executeCommand('designDoc.insertSection', node);
		const editor = vscode.window.activeTextEditor!;
		assert.equal(editor.document.uri.toString(), docUri('07-package-orchestration.md').toString());
		const lines = editor.document.getText().split(/\r?\n/);
		const heading = lines.indexOf('## Design');
		// The row opened where Insert put the section (give or take the blank line before it).
		assert.ok(Math.abs(heading - target) <= 2, `the row opened line ${target}, the section went to line ${heading}`);
		const cursor = editor.selection.active.line;
		const next = lines.findIndex((line, index) => index > heading && /^##? /.test(line));
		assert.ok(heading > 0 && cursor > heading && cursor < next, `cursor on line ${cursor}, heading on ${heading}, next heading on ${next}`);
		assert.equal(lines[cursor], '', 'the cursor is on a line of its own');
		await waitForDiagnostics(editor.document.uri, (ds) => ds.length > 0 && !ds.some((d) => codeOf(d) === 'missing-section'), 'the missing-section diagnostic to go');
	});

	test('a question row opens the question', async () => {
		// The row follows the file on disk once the previous test's edit is undone: wait for that state.
		const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(docUri('07-package-orchestration.md'))).split(/\r?\n/);
		const tree = await view();
		const lineOf = (node: Node) => selectionOf(tree.getTreeItem(node) as vscode.TreeItem)?.start.line ?? -1;
		const node = await row(
			'07-package-orchestration.md',
			(n) => n.kind === 'question' && text[lineOf(n)] === `### ${n.question.title}`,
			"07's question row, opening the question's line of the file",
		);
		assert.ok(node.kind === 'question');
		assert.equal(text[lineOf(node)], `### ${node.question.title}`);
	});

	test('New Design Doc opens the doc in a normal tab, its first placeholder selected', async () => {
		await openDoc('03-pipeline-merge.md');
		const selected = waitForEvent(
			vscode.window.onDidChangeTextEditorSelection,
			(event) => event.textEditor.document.uri.path.endsWith('-cursor-check.md') && !event.selections[0]!.isEmpty,
			'a selection in the new doc',
		);
		await vscode.commands.executeCommand('designDoc.newDoc', 'Cursor Check');
		const event = await selected;
		const editor = event.textEditor;
		assert.match(editor.document.getText(event.selections[0]), /^\\?<your name\\?>$/);
		const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
		assert.ok(tab && !tab.isPreview, 'the new doc opened as a preview tab');
		await vscode.workspace.fs.delete(editor.document.uri);
	});
});
