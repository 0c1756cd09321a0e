// designDoc/checkState: what the server last published for a document, the state the
// real-editor tests wait on (through the client's designDoc.checkState command).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ErrorCodes, ResponseError } from 'vscode-languageserver-protocol/node';
import { checkStateRequest } from '../../server/src/protocol';
import { fixture } from '../helpers';
import { LspClient } from './lspClient';

const doc = fixture('rules', 'missing-section.md');

test('checkState follows a document: unknown, published at each version, closed', async () => {
	const client = new LspClient();
	try {
		await client.initialize();
		const uri = 'untitled:Checked';
		const state = () => client.connection.sendRequest(checkStateRequest, { textDocument: { uri } });
		assert.deepEqual(await state(), { busy: false }, 'an unknown document: no version, nothing published');

		await client.open(uri, doc, 1);
		const first = await client.diagnostics(uri);
		assert.deepEqual(await state(), { version: 1, published: { version: 1, count: first.diagnostics.length, full: true }, busy: false });

		await client.change(uri, 2, doc + '\nOne more line.\n');
		const changed = await state();
		assert.equal(changed.version, 2);
		assert.ok(changed.published?.version === 1 || changed.busy, `version 2 is not published yet, or a check of it is under way: ${JSON.stringify(changed)}`);
		const second = await client.diagnosticsWhere(uri, 0, (params) => params.version === 2);
		assert.deepEqual(await state(), { version: 2, published: { version: 2, count: second.diagnostics.length, full: true }, busy: false });

		await client.close(uri);
		assert.deepEqual(await state(), { busy: false });
	} finally {
		await client.stop();
	}
});

test('checkState says when only the structural check ran', async () => {
	const client = new LspClient({ configuration: () => ({ maxDocumentSizeKb: 1 }) });
	try {
		await client.initialize({ configuration: true });
		const uri = 'untitled:Big';
		const text = doc + '\nFiller text.\n'.repeat(200);
		await client.open(uri, text);
		const { diagnostics } = await client.diagnostics(uri);
		assert.ok(diagnostics.some((d) => d.code === 'validation-skipped'));
		assert.deepEqual(await client.connection.sendRequest(checkStateRequest, { textDocument: { uri } }), {
			version: 1,
			published: { version: 1, count: diagnostics.length, full: false },
			busy: false,
		});
	} finally {
		await client.stop();
	}
});

test('checkState without a textDocument.uri is refused with InvalidParams', async () => {
	const client = new LspClient();
	try {
		await client.initialize();
		await assert.rejects(
			client.connection.sendRequest(checkStateRequest.method, { textDocument: {} }),
			(error: unknown) => error instanceof ResponseError && error.code === ErrorCodes.InvalidParams && /textDocument\.uri/.test(error.message),
		);
	} finally {
		await client.stop();
	}
});
