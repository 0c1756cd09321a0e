import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { structuralReply } from '../../server/src/checkInWorker';
import { defaultSettings } from '../../server/src/service/settings';
import { root } from '../helpers';

const templateText = readFileSync(join(root, 'server', 'templates', 'kpt-design-doc-template.md'), 'utf8');
const reply = (text: string) => structuralReply(TextDocument.create('untitled:big', 'markdown', 1, text), templateText, defaultSettings, undefined, 'too big');

test('the structural check of a huge doc scans its first MB: what it finds is right, and what lies further on is not called missing', () => {
	const head = '# Huge\n\n* Author(s): Ada\n* Approver: Grace\n\n## Why\n\nBecause.\n\n';
	const filler = 'A paragraph of an ordinary design doc, repeated.\n\n'.repeat(30_000);
	const tail = '## Design\n\nIt works.\n';
	const big = reply(head + filler + tail);
	assert.ok(big.status!.sections.find((section) => section.heading === 'Why')?.present);
	assert.deepEqual(big.status!.missingSections, []);
	assert.deepEqual(big.diagnostics.map((diagnostic) => diagnostic.code), ['validation-skipped']);
	assert.match(big.diagnostics[0]!.message, /too big; only its first 1024 KB were scanned/);

	const small = reply(head + tail);
	assert.deepEqual(small.status!.missingSections, ['User Guide', 'Open Issues/Questions', 'Alternatives Considered']);
	assert.doesNotMatch(small.diagnostics[0]!.message, /were scanned/);
});
