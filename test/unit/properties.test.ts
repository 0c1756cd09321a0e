import assert from 'node:assert/strict';
import { describe as suite, test } from 'node:test';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { applyEdits, overlaps } from '../../server/src/service/edits';
import { fixAll } from '../../server/src/service/fixAll';
import { fixesFor } from '../../server/src/service/fixes';
import { check, kptTemplate } from '../helpers';

// A fixed seed in CI; FC_RUNS=5000 (and another FC_SEED) for a longer hunt.
const options = { seed: Number(process.env.FC_SEED ?? 42), numRuns: Number(process.env.FC_RUNS ?? 150) };
const context = { template: kptTemplate, editorActions: false };

/** Lines a design doc is made of, the template's own among them, and the odd ones. */
const markdownLines = [
	'# Title', '# Faster Builds', 'Faster Builds', '=====', '---',
	'* Author(s): \\<your name\\>, @ada', '* Approver: \\<kpt-maintainer\\>', '* Approver:', '- Authors: Ada', '**Approver:** Grace',
	'## Why', '## Design', '## User Guide', '## User guide', '## Open Issues/Questions', '## Open issues', '## Alternatives Considered', '## Notes', '##',
	'### \\<Question\\>', '### \\<Approach\\>', '### Where does it live? 😀', '#### Detail',
	'Resolution: kept', 'Resolution:', '__Not Yet Resolved__', '**Resolution:** done',
	'Please describe your solution. Please list any:', 'Links and description of the approach, the pros and cons identified during the',
	'design.', '> Please list any open questions here in the following format:', '>',
	'```', '```yaml', '~~~', '# comment in a fence?', '    indented code', '<!--', '-->', '<!-- comment -->', '<div>', '</div>',
	'* item', '1. item', '  continued', '\tTabbed text', 'plain text', '', '', '',
	'emoji 👩‍👩‍👧 and \u{1F680}', 'lone \uD800 high', 'lone \uDC00 low', 'nul \u0000 byte', '[x]: /url', '[x] reference',
];

const docText = fc.array(fc.constantFrom(...markdownLines), { maxLength: 40 }).map((lines) => lines.join('\n'));
const anyText = fc.oneof(docText, fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ unit: fc.constantFrom('#', ' ', '\n', '\r', '*', '>', '`', '<', '\\', 'a', '\uD83D', '\uDE00'), maxLength: 200 }));

function diagnose(document: TextDocument): Diagnostic[] {
	return check(document.getText(), { relativePath: 'design-docs/07-some-doc.md' });
}

const key = (diagnostic: Diagnostic) => `${diagnostic.code} ${diagnostic.message}`;

suite('properties of the service on any text', () => {
	test('validation never throws; every range is inside the text and splits no surrogate pair or CRLF', () => {
		fc.assert(
			fc.property(anyText, fc.boolean(), (body, bom) => {
				const text = bom ? `\uFEFF${body}` : body;
				const document = TextDocument.create('untitled:p', 'markdown', 1, text);
				for (const diagnostic of check(text)) {
					for (const position of [diagnostic.range.start, diagnostic.range.end]) {
						const offset = document.offsetAt(position);
						assert.deepEqual(document.positionAt(offset), position, 'the position exists in the text');
						const before = text.charCodeAt(offset - 1);
						const at = text.charCodeAt(offset);
						assert.ok(!(before >= 0xd800 && before <= 0xdbff && at >= 0xdc00 && at <= 0xdfff), 'splits a surrogate pair');
						assert.ok(!(before === 13 && at === 10), 'splits a CRLF');
					}
					assert.ok(document.offsetAt(diagnostic.range.start) <= document.offsetAt(diagnostic.range.end));
				}
			}),
			options,
		);
	});

	test('LF, CRLF and CR line endings give the same findings at the same positions; a BOM shifts only line 1', () => {
		fc.assert(
			fc.property(docText, (text) => {
				const expected = check(text).map((diagnostic) => JSON.stringify([key(diagnostic), diagnostic.range]));
				for (const eol of ['\r\n', '\r']) {
					assert.deepEqual(check(text.replace(/\n/g, eol)).map((diagnostic) => JSON.stringify([key(diagnostic), diagnostic.range])), expected);
				}
				const shift = (position: { line: number; character: number }) => (position.line === 0 ? { ...position, character: position.character - 1 } : position);
				assert.deepEqual(
					check(`\uFEFF${text}`).map((diagnostic) => JSON.stringify([key(diagnostic), { start: shift(diagnostic.range.start), end: shift(diagnostic.range.end) }])),
					expected,
				);
			}),
			options,
		);
	});

	test('every fix removes its finding, adds no new kind of finding and leaves the rest of the text as it was', () => {
		const mayAdd: Record<string, string[]> = { 'missing-section': ['empty-section'], 'missing-metadata': ['missing-metadata'], 'section-order': ['section-order'] };
		fc.assert(
			fc.property(docText, fc.constantFrom('\n', '\r\n'), (body, eol) => {
				const text = body.replace(/\n/g, eol);
				const document = TextDocument.create('file:///design-docs/07-some-doc.md', 'markdown', 1, text);
				const before = diagnose(document);
				for (const diagnostic of before) {
					for (const fix of fixesFor(document, diagnostic, context).filter((candidate) => candidate.edits.length > 0)) {
						fix.edits.forEach((edit, index) => fix.edits.slice(index + 1).forEach((other) => assert.ok(!overlaps(edit, other), 'edits overlap')));
						const fixed = applyEdits(text, fix.edits);
						const first = Math.min(...fix.edits.map((edit) => edit.start));
						const last = Math.max(...fix.edits.map((edit) => edit.end));
						assert.equal(fixed.slice(0, first), text.slice(0, first), 'text before the fix unchanged');
						assert.equal(fixed.slice(fixed.length - (text.length - last)), text.slice(last), 'text after the fix unchanged');
						if (text.includes('\r\n')) {
							assert.doesNotMatch(fixed, /(?<!\r)\n/, 'a bare LF in a CRLF text');
						}
						const after = diagnose(TextDocument.create(document.uri, 'markdown', 2, fixed));
						const beforeKinds = new Set(before.map((d) => String(d.code)));
						const allowed = new Set([...beforeKinds, ...(mayAdd[String(diagnostic.code)] ?? [])]);
						assert.deepEqual(after.map((d) => String(d.code)).filter((code) => !allowed.has(code)), [], `${fix.title} adds a new kind`);
						if (fix.preferred) {
							const count = (list: Diagnostic[]) => list.filter((d) => key(d) === key(diagnostic)).length;
							assert.ok(count(after) < count(before), `${fix.title} leaves ${key(diagnostic)}`);
						}
					}
				}
			}),
			{ ...options, numRuns: Math.ceil(options.numRuns / 3) },
		);
	});

	test('fix-all leaves nothing it could fix and applying it twice changes nothing', () => {
		fc.assert(
			fc.property(docText, (text) => {
				const document = TextDocument.create('file:///design-docs/07-some-doc.md', 'markdown', 1, text);
				const once = applyEdits(text, fixAll(document, diagnose, context));
				assert.deepEqual(fixAll(TextDocument.create(document.uri, 'markdown', 2, once), diagnose, context), []);
			}),
			{ ...options, numRuns: Math.ceil(options.numRuns / 3) },
		);
	});
});
