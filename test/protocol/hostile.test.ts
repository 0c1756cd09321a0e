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
		'Full validation was skipped: parsing it took longer than the 1000 ms set in designDoc.validationTimeoutMs. Only the section headings were checked.',
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
	assert.match(diagnostics[0]!.message, /^Full validation was skipped: the document is 10\d{3} KB, more than the 1024 KB set in designDoc\.maxDocumentSizeKb\./);
});
