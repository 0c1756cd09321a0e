import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { HoverRequest } from 'vscode-languageserver-protocol/node';
import { statusesRequest } from '../../server/src/protocol';
import { fixture } from '../helpers';
import { LspClient } from './lspClient';

let client: LspClient;
const header = '# Hostile\n\n* Author(s): Ada\n* Approver: Grace\n\n## Why\n\n';

before(async () => {
	client = new LspClient();
	await client.initialize();
});

after(() => client.stop());

test('a document remark-parse takes seconds over: the server keeps answering, then gives the structural check', async () => {
	const uri = 'untitled:Hostile';
	await client.open(uri, header + '**_* '.repeat(20000));
	// Answered by the server's own thread while the worker is busy parsing.
	assert.ok(Array.isArray(await client.connection.sendRequest(statusesRequest)));
	const { diagnostics } = await client.diagnostics(uri);
	assert.equal(diagnostics[0]!.severity, 3);
	assert.equal(
		diagnostics[0]!.message,
		'Full validation was skipped: checking it ran out of time (over 1000 ms of work, the designDoc.validationTimeoutMs budget); it will be checked again, with more time, when the editor is idle. Only the section headings were checked.',
	);
	assert.deepEqual(
		diagnostics.slice(1).map((diagnostic) => diagnostic.code),
		['missing-section', 'missing-section', 'missing-section', 'missing-section'],
	);
	// The worker was replaced: the next doc gets a full check again.
	const normal = 'untitled:Normal';
	await client.open(normal, fixture('rules', 'placeholder.md'));
	assert.equal((await client.diagnostics(normal)).diagnostics.length, 5);
	assert.equal(await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 2 } }), null);
});

test('a document over the size limit is not parsed at all', async () => {
	const uri = 'untitled:Huge';
	await client.open(uri, header + 'A long line of text. '.repeat(520_000));
	const { diagnostics } = await client.diagnostics(uri);
	assert.match(diagnostics[0]!.message, /^Full validation was skipped: the document is 10\d{3} KB, more than the 1024 KB set in designDoc\.maxDocumentSizeKb[.;]/);
});

const hostile: [name: string, body: string, expected: 'skipped' | 'either'][] = [
	['`* ` ×8000', '* '.repeat(8000), 'either'],
	['`>` ×50000', '>'.repeat(50000), 'skipped'],
	['a 27,000-line table', Array.from({ length: 27000 }, (_, row) => `| ${row} | cell | more |`).join('\n'), 'either'],
	['20,000 headings', Array.from({ length: 20000 }, (_, n) => `## Heading ${n}\n`).join('\n'), 'either'],
	['one 5 MB line', 'word '.repeat(1_048_576), 'skipped'],
	['binary bytes', String.fromCharCode(...Array.from({ length: 4096 }, (_, n) => (n * 7919) % 256)), 'either'],
	['only \\r', '\r', 'either'],
	['no final newline, tabs, NUL', '## Design\n\n\tTabbed\u0000 text without a final newline', 'either'],
];

for (const [name, body, expected] of hostile) {
	test(`hostile input, ${name}: diagnostics arrive, the server keeps answering`, async () => {
		const uri = `untitled:${encodeURIComponent(name)}`;
		await client.open(uri, header + body);
		const { diagnostics } = await client.diagnostics(uri);
		const skippedNotice = diagnostics.some((diagnostic) => diagnostic.message.startsWith('Full validation was skipped'));
		if (expected === 'skipped') {
			assert.ok(skippedNotice, 'the structural check stands in, and says so');
		}
		assert.ok(diagnostics.every((diagnostic) => diagnostic.source === 'design-doc'));
		await client.close(uri);
		const after = `untitled:after-${encodeURIComponent(name)}`;
		await client.open(after, fixture('rules', 'placeholder.md'));
		assert.equal((await client.diagnostics(after)).diagnostics.length, 5, 'the next doc gets a full check');
		await client.close(after);
	});
}
