import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe as suite, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { applyEdits } from '../../server/src/service/edits';
import { fixAll } from '../../server/src/service/fixAll';
import { fixesFor } from '../../server/src/service/fixes';
import { check, corpus, fixture, fixtures, kptTemplate } from '../helpers';

const context = { template: kptTemplate, editorActions: false };
const docsUnderTest = [
	...readdirSync(join(fixtures, 'rules')).map((name) => ['rules', name]),
	...readdirSync(corpus)
		.filter((name) => /^0[1-8].*\.md$/.test(name))
		.map((name) => ['kpt-design-docs', name]),
];

/** What applying a fix may legitimately add: an inserted section is empty until written. */
const mayAdd: Record<string, string[]> = {
	// Renaming a candidate (`## FAQ`) to the questions section makes its `###` headings questions.
	'missing-section': ['empty-section', 'unresolved-question'],
	'missing-metadata': ['missing-metadata'],
	'section-order': ['section-order'],
};

function diagnose(document: TextDocument): Diagnostic[] {
	return check(document.getText(), { relativePath: `design-docs/${document.uri.split('/').pop()}` });
}

/**
 * A finding as the same problem before and after a fix. A missing section is
 * named by its heading: its message names the neighbours present, which a fix
 * that inserts one of them changes.
 */
function key(diagnostic: Diagnostic): string {
	const data = diagnostic.data as { heading?: string } | undefined;
	return diagnostic.code === 'missing-section' ? `${diagnostic.code} ${data?.heading}` : `${diagnostic.code} ${diagnostic.message}`;
}

function keyed(diagnostics: Diagnostic[]): string[] {
	return diagnostics.map(key);
}

function minus(a: string[], b: string[]): string[] {
	const rest = [...b];
	return a.filter((item) => {
		const index = rest.indexOf(item);
		if (index >= 0) {
			rest.splice(index, 1);
			return false;
		}
		return true;
	});
}

for (const eol of ['\n', '\r\n']) {
	suite(`every quick fix removes its finding and nothing else (${eol === '\n' ? 'LF' : 'CRLF'})`, () => {
		for (const [folder, name] of docsUnderTest) {
			test(`${folder}/${name}`, () => {
				const text = fixture(folder!, name!).replace(/\r?\n/g, eol);
				const document = TextDocument.create(`file:///design-docs/${name}`, 'markdown', 1, text);
				const before = diagnose(document);
				let applied = 0;
				for (const diagnostic of before) {
					for (const fix of fixesFor(document, diagnostic, context).filter((candidate) => candidate.edits.length > 0)) {
						const fixed = applyEdits(text, fix.edits);
						if (eol === '\r\n') {
							assert.doesNotMatch(fixed, /(?<!\r)\n/, `${fix.title} wrote a bare LF into a CRLF text`);
						}
						const after = keyed(diagnose(TextDocument.create(document.uri, 'markdown', 2, fixed)));
						const target = key(diagnostic);
						if (fix.preferred) {
							assert.equal(
								after.filter((item) => item === target).length,
								keyed(before).filter((item) => item === target).length - 1,
								`${fix.title} removes ${target}`,
							);
						}
						const added = minus(after, keyed(before));
						const allowed = mayAdd[String(diagnostic.code)] ?? [];
						assert.deepEqual(
							added.filter((item) => !allowed.includes(item.split(' ')[0]!)),
							[],
							`${fix.title} adds no other finding`,
						);
						applied++;
					}
				}
				assert.ok(applied > 0 || before.length === 0 || before.every((diagnostic) => fixesFor(document, diagnostic, context).length === 0));
			});
		}
	});
}

suite('fix-all on the kpt corpus', () => {
	for (const name of readdirSync(corpus).filter((file) => /^0[1-8].*\.md$/.test(file))) {
		test(name, () => {
			for (const eol of ['\n', '\r\n']) {
				const text = fixture('kpt-design-docs', name).replace(/\r?\n/g, eol);
				const document = TextDocument.create(`file:///design-docs/${name}`, 'markdown', 1, text);
				const before = diagnose(document);
				const fixed = applyEdits(text, fixAll(document, diagnose, context));
				const fixedDocument = TextDocument.create(document.uri, 'markdown', 2, fixed);
				const after = diagnose(fixedDocument);
				const fixable = after.filter((diagnostic) => fixesFor(fixedDocument, diagnostic, context).some((fix) => fix.preferred && fix.edits.length > 0));
				assert.deepEqual(keyed(fixable), [], 'no fixable finding left');
				// A missing section that may be one of the doc's own under another name is the author's call.
				const decided = (diagnostic: Diagnostic) => diagnostic.code === 'missing-section' && (diagnostic.data as { candidate?: unknown }).candidate !== undefined;
				assert.ok(!after.some((diagnostic) => diagnostic.code === 'section-order' || (diagnostic.code === 'missing-section' && !decided(diagnostic))));
				assert.deepEqual(fixAll(fixedDocument, diagnose, context), [], 'fix-all twice changes nothing');
				if (eol === '\r\n') {
					assert.doesNotMatch(fixed, /(?<!\r)\n/);
				}
				// No user text lost: every line not flagged as template text or a placeholder survives.
				const flagged = new Set<number>();
				for (const diagnostic of before.filter((d) => ['template-text', 'placeholder', 'heading-variant'].includes(String(d.code)))) {
					for (let line = diagnostic.range.start.line; line <= diagnostic.range.end.line; line++) {
						flagged.add(line);
					}
				}
				const kept = fixed.split(eol);
				const lost = text.split(eol).filter((line, index) => line.trim() !== '' && !flagged.has(index) && !kept.includes(line));
				assert.deepEqual(lost, [], 'user text lost');
			}
		});
	}
});

test('fix-all inserts missing sections in template order with the guidance as a comment', () => {
	const text = fixture('rules', 'missing-section.md');
	const document = TextDocument.create('file:///design-docs/09-x.md', 'markdown', 1, text);
	const fixed = applyEdits(text, fixAll(document, diagnose, context));
	const headings = fixed.split('\n').filter((line) => line.startsWith('## '));
	assert.deepEqual(headings, ['## Why', '## Design', '## User Guide', '## Open Issues/Questions', '## Alternatives Considered']);
	assert.match(fixed, /## Design\n\n<!--\nPlease describe your solution\. Please list any:\n/);
	assert.match(fixed, /\n\n## Alternatives Considered\n\n<!--\nIf there is an industry precedent/);
});

test('exact edits: mark Not Yet Resolved, rename a variant, remove guidance, add metadata, title from file name', () => {
	const cases: [string, string, string, string][] = [
		['unresolved-question.md', 'unresolved-question', 'Mark as Not Yet Resolved', '### Where does the cache live? 📦\n\nWe could use the home folder.\n\n#### Sub-point\n\nOr a temp folder.\n\nResolution: __Not Yet Resolved__\n\n### Who clears it?'],
		['heading-variant.md', 'heading-variant', 'Rename heading to "## User Guide"', '## User Guide\n\nRun it twice.'],
		['template-text.md', 'template-text', 'Remove the leftover template guidance', '* Approver: Grace Hopper\n\n## Why'],
		['missing-metadata-absent.md', 'missing-metadata', 'Add the metadata line "* Approver:"', '* **Author(s):** Ada Lovelace\n* Approver: \n\n## Why'],
		['placeholder.md', 'placeholder', 'Replace "Title" with "Faster Rendering"', '# Faster Rendering\n'],
	];
	for (const [name, code, title, expected] of cases) {
		const text = fixture('rules', name);
		const document = TextDocument.create('file:///design-docs/07-faster-rendering.md', 'markdown', 1, text);
		const diagnostic = diagnose(document).find((candidate) => candidate.code === code && (code !== 'heading-variant' || candidate.message.includes('User guide')))!;
		const fix = fixesFor(document, diagnostic, context).find((candidate) => candidate.title === title);
		assert.ok(fix, `${name}: "${title}" among ${fixesFor(document, diagnostic, context).map((candidate) => candidate.title).join(', ')}`);
		assert.ok(applyEdits(text, fix.edits).includes(expected), `${name}: ${applyEdits(text, fix.edits)}`);
	}
});

test('a question already marked Not Yet Resolved gets no second marker', () => {
	const text = fixture('rules', 'unresolved-question.md').replace(/<!-- expect[\s\S]*$/, '');
	const document = TextDocument.create('untitled:x', 'markdown', 1, text);
	const fixed = applyEdits(text, fixAll(document, diagnose, context));
	assert.equal(fixed.split('__Not Yet Resolved__').length - 1, 3, 'one existing, two added');
});

test('with editor actions: "Add a resolution" is a snippet with the cursor after the keyword; a placeholder is selected', () => {
	const text = fixture('rules', 'placeholder.md').replace('Resolution: Keep it.', '');
	const document = TextDocument.create('untitled:x', 'markdown', 1, text);
	const withEditor = { template: kptTemplate, editorActions: true };
	const diagnostics = check(text);
	const approver = diagnostics.find((diagnostic) => diagnostic.message.includes('kpt-maintainer'))!;
	const [select] = fixesFor(document, approver, withEditor);
	assert.deepEqual([select!.title, select!.edits, select!.editorAction], [
		'Select "<kpt-maintainer>" to type over it',
		[],
		{ kind: 'select', start: document.offsetAt(approver.range.start), end: document.offsetAt(approver.range.end) },
	]);
	const unresolved = check(text.replace('### \\<Question\\>', '### Kept?')).find((diagnostic) => diagnostic.code === 'unresolved-question')!;
	const fixes = fixesFor(TextDocument.create('untitled:x', 'markdown', 1, text.replace('### \\<Question\\>', '### Kept?')), unresolved, withEditor);
	assert.deepEqual(
		fixes.map((fix) => [fix.title, fix.editorAction?.kind === 'snippet' ? fix.editorAction.snippet : undefined]),
		[
			['Mark as Not Yet Resolved', undefined],
			['Add a resolution', '\nResolution: $0\n'],
		],
	);
});

test('with editor actions: "Insert section" is the same text as a snippet, the cursor on a line of its own inside the new section', () => {
	const text = fixture('rules', 'missing-section.md');
	const document = TextDocument.create('untitled:x', 'markdown', 1, text);
	const missing = check(text).find((diagnostic) => diagnostic.code === 'missing-section')!;
	const [plain] = fixesFor(document, missing, context);
	const [snippet] = fixesFor(document, missing, { template: kptTemplate, editorActions: true });
	assert.deepEqual(snippet!.edits, plain!.edits, 'fix-all still inserts the same text');
	assert.equal(snippet!.editorAction?.kind, 'snippet');
	const body = snippet!.editorAction?.kind === 'snippet' ? snippet!.editorAction.snippet : '';
	assert.ok(body.startsWith(plain!.edits[0]!.newText.replace(/\n+$/, '')), body);
	assert.match(body, /-->\n\n\$0\n/);
	assert.equal(body.split('$0').length, 2, 'one cursor position, nothing else unescaped');
});
