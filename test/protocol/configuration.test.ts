import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fixture } from '../helpers';
import { LspClient } from './lspClient';

const text = fixture('rules', 'unresolved-question.md');

test('settings come from workspace/configuration, per document', async () => {
	const asked: Array<string | undefined> = [];
	const client = new LspClient({
		configuration: (section, scopeUri) => {
			asked.push(`${section} ${scopeUri}`);
			return { severity: { 'unresolved-question': 'error' }, debounceMs: 0 };
		},
	});
	try {
		await client.initialize({ configuration: true });
		await client.open('untitled:A', text);
		const { diagnostics } = await client.diagnostics('untitled:A');
		assert.deepEqual(new Set(diagnostics.map((diagnostic) => diagnostic.severity)), new Set([1]));
		assert.deepEqual(asked, ['designDoc untitled:A']);
	} finally {
		await client.stop();
	}
});

test('a client that answers configuration with null gets the defaults', async () => {
	const client = new LspClient({ configuration: () => null });
	try {
		await client.initialize({ configuration: true });
		await client.open('untitled:B', text);
		const { diagnostics } = await client.diagnostics('untitled:B');
		assert.deepEqual(new Set(diagnostics.map((diagnostic) => diagnostic.severity)), new Set([3]));
	} finally {
		await client.stop();
	}
});
