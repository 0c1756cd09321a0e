import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompletionItem } from 'vscode-languageserver-types';
import { completions } from '../../server/src/service/completion';
import { hover } from '../../server/src/service/hover';
import { parseMarkdown } from '../../server/src/service/markdown';
import { outline } from '../../server/src/service/outline';
import { fixture, kptTemplate } from '../helpers';

const outlineText = (text: string, template: typeof kptTemplate) => outline(parseMarkdown(text), template);

/** Completions at the `|` in `marked`. */
function complete(marked: string): CompletionItem[] {
	const offset = marked.indexOf('|');
	const text = marked.slice(0, offset) + marked.slice(offset + 1);
	const document = TextDocument.create('untitled:x', 'markdown', 1, text);
	return completions(document, outlineText(text, kptTemplate), document.positionAt(offset));
}

const labels = (items: CompletionItem[]) => items.map((item) => item.label);
const base = fixture('rules', 'missing-section.md').replace(/<!-- expect[\s\S]*$/, '');

test('on a ## line: the missing sections in template order, present ones not offered', () => {
	assert.deepEqual(labels(complete(`${base}## |`)), ['## Design', '## User Guide', '## Alternatives Considered']);
	assert.deepEqual(labels(complete(`${base}## Us|`)), ['## Design', '## User Guide', '## Alternatives Considered'], 'the editor filters');
	assert.deepEqual(labels(complete(base.replace('Rendering is slow.\n', 'Rendering is slow.\n\n### |\n'))), [], 'not on a ### line outside the questions section');
	const [design] = complete(`${base}## |`);
	assert.deepEqual(design!.textEdit, { range: { start: { line: 15, character: 0 }, end: { line: 15, character: 3 } }, newText: '## Design' });
	assert.match((design!.documentation as { value: string }).value, /^Please describe your solution/);
});

test('inside the questions section: a question block; under a question: the resolution keywords', () => {
	const questions = base.replace('Resolution: In the user cache folder.\n', '|');
	assert.deepEqual(labels(complete(questions)), ['### Question', 'Resolution:', '__Not Yet Resolved__']);
	const block = complete(questions)[0]!;
	assert.equal((block.textEdit as { newText: string }).newText, '### ${1:Question}\n\nResolution: ${2:__Not Yet Resolved__}');
	const between = base.replace('### Where does the cache live?', '|\n\n### Where does the cache live?');
	assert.deepEqual(labels(complete(between)), ['### Question'], 'before the first question: no resolution');
});

test('in the header list: the missing metadata keys', () => {
	const header = base.replace('* Approver: Grace Hopper\n', '* |\n');
	assert.deepEqual(labels(complete(header)), ['Approver:']);
	assert.equal((complete(header)[0]!.textEdit as { newText: string }).newText, '* Approver: ');
	assert.deepEqual(labels(complete(base.replace('Rendering is slow.', 'Rendering is slow|.'))), [], 'nothing in prose');
});

test('hover on a section heading shows the template guidance; elsewhere nothing', () => {
	const document = TextDocument.create('untitled:x', 'markdown', 1, base);
	const doc = outlineText(base, kptTemplate);
	const shown = hover(document, doc, { line: 9, character: 5 });
	assert.match((shown!.contents as { value: string }).value, /^\*\*## Open Issues\/Questions\*\*\n\nPlease list any open questions/);
	assert.equal(hover(document, doc, { line: 7, character: 1 }), undefined);
});
