import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe as suite, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic, TextDocumentEdit } from 'vscode-languageserver-types';
import { codeActions } from '../../server/src/service/codeActions';
import { parseMarkdown } from '../../server/src/service/markdown';
import { check, corpus, fixture, fixtures, kptTemplate } from '../helpers';

const docsUnderTest = [
	...readdirSync(join(fixtures, 'rules')).map((name) => ['rules', name]),
	...readdirSync(corpus)
		.filter((name) => /^0[1-8].*\.md$/.test(name))
		.map((name) => ['kpt-design-docs', name]),
];

function diagnose(text: string, fileName: string): Diagnostic[] {
	return check(text, { relativePath: `design-docs/${fileName}` });
}

/** The actions offered for one diagnostic, as the worker computes them. */
function actionsFor(document: TextDocument, current: Diagnostic[], diagnostic: Diagnostic): CodeAction[] {
	const request = { range: diagnostic.range, diagnostics: [diagnostic] };
	return codeActions(document, parseMarkdown(document.getText()), current, request, () => [], { template: kptTemplate, editorActions: false });
}

function apply(document: TextDocument, action: CodeAction): string {
	const [change] = action.edit!.documentChanges as TextDocumentEdit[];
	assert.equal(change!.textDocument.version, document.version, 'the edit is bound to the version it was computed on');
	return TextDocument.applyEdits(document, change!.edits);
}

/** `code line message`, with lines from `inserted` on moved down by the comment line. */
function keyed(diagnostics: readonly Diagnostic[], inserted = Infinity): string[] {
	return diagnostics.map(({ code, range, message }) => `${code} ${range.start.line >= inserted ? range.start.line + 1 : range.start.line} ${message}`);
}

/** `line` when the edit added a line there; Infinity when it only added a code to a comment already there. */
function insertedAt(before: string, after: string, line: number): number {
	const lines = (text: string) => text.split(/\r\n|\r|\n/).length;
	return lines(after) > lines(before) ? line : Infinity;
}

for (const eol of ['\n', '\r\n']) {
	suite(`a disable action suppresses its finding and nothing else (${eol === '\n' ? 'LF' : 'CRLF'})`, () => {
		for (const [folder, name] of docsUnderTest) {
			test(`${folder}/${name}`, () => {
				const text = fixture(folder!, name!).replace(/\r?\n/g, eol);
				const document = TextDocument.create(`file:///design-docs/${name}`, 'markdown', 1, text);
				const before = diagnose(text, name!);
				let applied = 0;
				for (const diagnostic of before.filter((candidate) => candidate.code !== 'duplicate-number')) {
					const actions = actionsFor(document, before, diagnostic);
					const line = actions.find((action) => action.title === `Disable ${diagnostic.code} for this line`)!;
					const file = actions.find((action) => action.title === `Disable ${diagnostic.code} for this file`)!;
					assert.ok(line && file, `no disable actions for ${diagnostic.code} among ${actions.map((action) => action.title).join(' | ')}`);

					const startLine = diagnostic.range.start.line;
					const lineFixed = apply(document, line);
					if (eol === '\r\n') {
						assert.doesNotMatch(lineFixed, /(?<!\r)\n/, 'a bare LF in a CRLF text');
					}
					assert.deepEqual(
						keyed(diagnose(lineFixed, name!)),
						keyed(before.filter((other) => !(other.code === diagnostic.code && other.range.start.line === startLine)), insertedAt(text, lineFixed, startLine)),
						`${line.title} on line ${startLine + 1}`,
					);
					const fileFixed = apply(document, file);
					assert.deepEqual(
						keyed(diagnose(fileFixed, name!)),
						keyed(before.filter((other) => other.code !== diagnostic.code), insertedAt(text, fileFixed, 0)),
						file.title,
					);
					applied++;
				}
				assert.equal(applied, before.length, 'every finding of these docs can be disabled');
			});
		}
	});
}

test('before a list item, the comment is indented into the item above, so the list stays one list', () => {
	const text = '# Arm Build\n\n* Author(s): Ada\n* Approver: \\<kpt-maintainer\\>\n\n## Why\n\nBecause.\n';
	const document = TextDocument.create('file:///design-docs/04-arm-build.md', 'markdown', 1, text);
	const before = diagnose(text, '04-arm-build.md');
	const placeholder = before.find((diagnostic) => diagnostic.code === 'placeholder')!;
	const line = actionsFor(document, before, placeholder).find((action) => action.title === 'Disable placeholder for this line')!;
	const fixed = apply(document, line);
	assert.equal(fixed, '# Arm Build\n\n* Author(s): Ada\n  <!-- design-doc-disable-next-line placeholder -->\n* Approver: \\<kpt-maintainer\\>\n\n## Why\n\nBecause.\n');
	const list = parseMarkdown(fixed).root.children.filter((node) => node.type === 'list');
	assert.equal(list.length, 1);
	assert.deepEqual(keyed(diagnose(fixed, '04-arm-build.md')), keyed(before.filter((diagnostic) => diagnostic !== placeholder), 3));
});

test('a doc without a title: findings about the whole doc follow the comment, so both actions suppress them', () => {
	const text = 'Some intro.\n\n## Why\n\nBecause.\n';
	const document = TextDocument.create('file:///design-docs/Arm%20Build.md', 'markdown', 1, text);
	const before = diagnose(text, 'Arm Build.md');
	const fileName = before.find((diagnostic) => diagnostic.code === 'file-name')!;
	assert.deepEqual(fileName.range.start, { line: 0, character: 0 });
	for (const action of actionsFor(document, before, fileName).filter((candidate) => candidate.edit)) {
		const after = diagnose(apply(document, action), 'Arm Build.md');
		assert.equal(
			after.some((diagnostic) => diagnostic.code === 'file-name'),
			false,
			action.title,
		);
	}
});

test('after a BOM: the file comment goes after it', () => {
	const text = '\uFEFF# Title\n\n## Why\n\nBecause.\n';
	const document = TextDocument.create('file:///design-docs/04-arm-build.md', 'markdown', 1, text);
	const before = diagnose(text, '04-arm-build.md');
	const placeholder = before.find((diagnostic) => diagnostic.code === 'placeholder')!;
	const file = actionsFor(document, before, placeholder).find((action) => action.title === 'Disable placeholder for this file')!;
	const fixed = apply(document, file);
	assert.ok(fixed.startsWith('\uFEFF<!-- design-doc-disable-file placeholder -->\n# Title'));
	assert.equal(diagnose(fixed, '04-arm-build.md').some((diagnostic) => diagnostic.code === 'placeholder'), false);
});

test('a directive already there takes the code: above the line, and at the top of the file', () => {
	const text = '<!-- design-doc-disable-file template-text -->\n<!-- design-doc-disable-next-line placeholder -->\n# Title\n\n## Why\n\nBecause.\n';
	const document = TextDocument.create('file:///design-docs/Arm%20Build.md', 'markdown', 1, text);
	const before = diagnose(text, 'Arm Build.md');
	const fileName = before.find((diagnostic) => diagnostic.code === 'file-name')!;
	const [line, file] = actionsFor(document, before, fileName);
	assert.equal(
		apply(document, line!),
		'<!-- design-doc-disable-file template-text -->\n<!-- design-doc-disable-next-line placeholder file-name -->\n# Title\n\n## Why\n\nBecause.\n',
	);
	assert.equal(
		apply(document, file!),
		'<!-- design-doc-disable-file template-text file-name -->\n<!-- design-doc-disable-next-line placeholder -->\n# Title\n\n## Why\n\nBecause.\n',
	);
});

test('one action per code and line; none to disable a code found across the folder', () => {
	const text = '# Title\n\n* Author(s): \\<your name\\>, \\<your github alias\\>\n';
	const document = TextDocument.create('file:///design-docs/04-arm-build.md', 'markdown', 1, text);
	const before = diagnose(text, '04-arm-build.md');
	const placeholders = before.filter((diagnostic) => diagnostic.code === 'placeholder' && diagnostic.range.start.line === 2);
	assert.equal(placeholders.length, 2);
	const request = { range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, diagnostics: placeholders };
	const actions = codeActions(document, parseMarkdown(text), before, request, () => [], { template: kptTemplate, editorActions: false });
	// After the fixes of each placeholder: one of each for the code, covering both findings.
	assert.deepEqual(
		actions.slice(-3).map((action) => [action.title, action.diagnostics?.length]),
		[
			['Disable placeholder for this line', 2],
			['Disable placeholder for this file', 2],
			['Show documentation for placeholder', 2],
		],
	);
	assert.equal(actions.filter((action) => action.title.startsWith('Disable ')).length, 2);
	const duplicate: Diagnostic = { ...before[0]!, code: 'duplicate-number', message: 'Number 04 is also used by 04-other.md.' };
	const shown = { range: duplicate.range, diagnostics: [duplicate] };
	assert.deepEqual(
		codeActions(document, parseMarkdown(text), [duplicate], shown, () => [], { template: kptTemplate, editorActions: false }).map((action) => action.title),
		['Show documentation for duplicate-number'],
	);
});
