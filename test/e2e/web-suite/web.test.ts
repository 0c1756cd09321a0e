// The extension in VS Code for the Web: loaded by the web-worker extension host (no Node), its
// server in a Web Worker, the workspace read through vscode.workspace.fs. Only what a browser
// has: no node:assert, no fs; the workspace is a fresh copy of the kpt corpus.
import * as vscode from 'vscode';
import type { DesignDocApi } from '../../../client/src/startExtension';
import { EXTENSION_ID, codeOf, docUri, openDoc, resetEditors, waitFor, waitForDiagnostics } from '../suite/helpers';

/** Node's global, which the web-worker extension host must not have (not typed: this suite has no Node types). */
declare const process: unknown;

const hasCode = (code: string) => (ds: vscode.Diagnostic[]) => ds.some((d) => codeOf(d) === code);
const labelOf = (item: vscode.CompletionItem | vscode.TreeItem) => (typeof item.label === 'string' ? item.label : (item.label?.label ?? ''));

function ok(value: unknown, message: string): asserts value {
	if (!value) throw new Error(message);
}

function equal<T>(actual: T, expected: T, what: string): void {
	if (JSON.stringify(actual) !== JSON.stringify(expected)) throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

async function api(): Promise<DesignDocApi> {
	const extension = vscode.extensions.getExtension<DesignDocApi>(EXTENSION_ID);
	ok(extension, `${EXTENSION_ID} is not installed in the extension host`);
	return extension.activate();
}

/** The docs the Design Docs view lists, by file name, with the label of their group. */
async function viewDocs(): Promise<Map<string, string>> {
	const view = (await api()).designDocsView;
	const docs = new Map<string, string>();
	for (const group of view.getChildren()) {
		const groupLabel = labelOf(view.getTreeItem(group));
		for (const doc of view.getChildren(group)) {
			const fileName = view.getTreeItem(doc).resourceUri?.path.split('/').pop();
			if (fileName) docs.set(fileName, groupLabel);
		}
	}
	return docs;
}

const kptDocs = [
	'01-live-invenstory-to-rg.md',
	'02-oci-support.md',
	'03-pipeline-merge.md',
	'04-arm-build.md',
	'05-kpt-fn-exclude.md',
	'06-config-as-data.md',
	'07-package-orchestration.md',
	'08-package-variant.md',
];

suite('the extension in the web-worker extension host', () => {
	teardown(resetEditors);

	test('runs in the browser: no Node, uiKind Web, the browser entry', async () => {
		ok(typeof process === 'undefined', 'there is a `process`: this is not the web-worker extension host');
		equal(vscode.env.uiKind, vscode.UIKind.Web, 'vscode.env.uiKind');
		const extension = vscode.extensions.getExtension(EXTENSION_ID);
		ok(extension, `${EXTENSION_ID} is not installed`);
		equal(extension.extensionKind, vscode.ExtensionKind.UI, 'the extension kind (UI: it runs where the browser is)');
		await extension.activate();
		ok(extension.isActive, 'the extension did not activate');
	});

	test('diagnostics on kpt docs: a placeholder title, a missing section', async () => {
		const arm = await openDoc('04-arm-build.md');
		const armDiagnostics = await waitForDiagnostics(arm.document.uri, hasCode('placeholder'));
		ok(
			armDiagnostics.some((d) => codeOf(d) === 'placeholder' && d.range.start.line === 0 && /Title/.test(d.message)),
			`no placeholder title on line 0: ${armDiagnostics.map((d) => `${codeOf(d)}@${d.range.start.line}`).join(', ')}`,
		);
		const exclude = await openDoc('05-kpt-fn-exclude.md');
		const missing = (await waitForDiagnostics(exclude.document.uri, hasCode('missing-section'))).find((d) => codeOf(d) === 'missing-section');
		ok(missing && /## User Guide/.test(missing.message), `missing-section says: ${missing?.message}`);
		equal(missing.severity, vscode.DiagnosticSeverity.Error, 'its severity');
		// The template in the workspace (read through workspace.fs) is the one followed, and named in hovers.
		const line = exclude.document.getText().split('\n').indexOf('## Why');
		const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', exclude.document.uri, new vscode.Position(line, 4));
		const text = hovers.flatMap((hover) => hover.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
		ok(/00-template\.md/.test(text), `the hover does not name the workspace's template: ${text}`);
	});

	test('the "Insert section" quick fix inserts the missing section, the cursor is in it, and the diagnostic goes away', async () => {
		const editor = await openDoc('05-kpt-fn-exclude.md');
		const uri = editor.document.uri;
		const missing = (await waitForDiagnostics(uri, hasCode('missing-section'))).find((d) => codeOf(d) === 'missing-section')!;
		const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, missing.range);
		const fix = actions.find((a) => a.kind && vscode.CodeActionKind.QuickFix.contains(a.kind) && a.title.includes('## User Guide'));
		// As in the Node host: a snippet, run by the client's command, that leaves the cursor in the new section.
		ok(fix?.command, `no quick fix with a command for the missing section among: ${actions.map((a) => a.title).join(' | ')}`);
		await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));
		const lines = editor.document.getText().split(/\r?\n/);
		const heading = lines.indexOf('## User Guide');
		ok(heading > 0, 'the section was not inserted');
		const cursor = vscode.window.activeTextEditor?.selection.active;
		const next = lines.findIndex((line, index) => index > heading && /^#/.test(line));
		ok(cursor && cursor.line > heading && cursor.line < next, `the cursor is on line ${cursor?.line}, not in the section (lines ${heading}-${next})`);
		await waitForDiagnostics(uri, (ds) => ds.length > 0 && !hasCode('missing-section')(ds), 'the missing-section diagnostic to go away');
	});

	test('completion on a "## " line offers the missing sections, in template order', async () => {
		const editor = await openDoc('06-config-as-data.md');
		await waitForDiagnostics(editor.document.uri, hasCode('missing-section'));
		const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
		ok(await editor.edit((builder) => builder.insert(end, '\n\n## ')), 'the edit was refused');
		const position = editor.document.lineAt(editor.document.lineCount - 1).range.end;
		const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, position);
		const sections = list.items
			.filter((item) => item.kind !== vscode.CompletionItemKind.Snippet && labelOf(item).startsWith('#'))
			.sort((a, b) => (a.sortText ?? labelOf(a)).localeCompare(b.sortText ?? labelOf(b)))
			.map(labelOf);
		equal(sections, ['## Design', '## User Guide', '## Open Issues/Questions', '## Alternatives Considered'], 'the sections offered');
	});

	test('the Design Docs view lists every doc of the workspace, opened or not, by review status', async () => {
		await vscode.commands.executeCommand('designDocs.focus');
		// Nothing is opened: the index found them (workspace.findFiles) and read them (workspace.fs).
		const docs = await waitFor(async () => {
			const found = await viewDocs();
			return found.size >= kptDocs.length && found;
		}, { what: 'the eight kpt docs in the Design Docs view', pollMs: 100 });
		equal([...docs.keys()].sort(), kptDocs, 'the docs listed (not the template, not SOURCE.md)');
		equal(docs.get('04-arm-build.md'), 'Draft', 'the group of 04 (its title is the placeholder)');
	});

	test('New Design Doc creates the next numbered doc from the template, opens it and lists it', async () => {
		const uri = docUri('09-web-review-flow.md');
		const opened = new Promise<vscode.TextEditor | undefined>((resolve) => {
			const subscription = vscode.window.onDidChangeActiveTextEditor((editor) => {
				if (editor?.document.uri.toString() === uri.toString()) {
					subscription.dispose();
					resolve(editor);
				}
			});
		});
		await vscode.commands.executeCommand('designDoc.newDoc', 'Web Review Flow');
		const editor = await opened;
		ok(editor, 'the new doc was not opened');
		const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
		ok(/^# Web Review Flow$/m.test(text), `the new doc does not start with its title: ${text.slice(0, 80)}`);
		ok(/^## Open Issues\/Questions$/m.test(text), 'the new doc lacks the template sections');
		await waitFor(async () => (await viewDocs()).has('09-web-review-flow.md'), { what: 'the new doc in the Design Docs view', pollMs: 100 });
	});
});
