import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { DidChangeConfigurationNotification } from 'vscode-languageserver-protocol/node';
import { statusesChangedNotification, statusesRequest } from '../../server/src/protocol';
import { corpus } from '../helpers';
import { LspClient } from './lspClient';

let workspace: string;
let storage: string;
const indexedLog = /^Indexed the workspace in \d+ ms: (\d+) files read, (\d+) parsed/;

before(() => {
	workspace = mkdtempSync(join(tmpdir(), 'design-docs-ws-'));
	storage = mkdtempSync(join(tmpdir(), 'design-docs-storage-'));
	cpSync(corpus, join(workspace, 'docs', 'design-docs'), { recursive: true });
	writeFileSync(join(workspace, 'README.md'), '# Not a design doc\n');
});

after(() => {
	rmSync(workspace, { recursive: true, force: true });
	rmSync(storage, { recursive: true, force: true });
});

/** A server on the workspace with the storage folder, once it has indexed; `settings` answers when it asks for its settings. */
async function start(settings: () => unknown): Promise<LspClient> {
	const client = new LspClient({ configuration: settings });
	await client.initialize({ configuration: true, rootUri: pathToFileURL(workspace).href, initializationOptions: { storageUri: pathToFileURL(storage).href } });
	await client.notification(statusesChangedNotification.method);
	return client;
}

/** Files read and parsed by the `count`-th indexing of this server (1-based). */
async function indexing(client: LspClient, count = 1): Promise<{ read: number; parsed: number }> {
	const [, read, parsed] = indexedLog.exec(await client.message(indexedLog, count))!;
	return { read: Number(read), parsed: Number(parsed) };
}

/** Runs `body` with a server started as by `start`, and stops it whatever happens. */
async function withServer<T>(body: (client: LspClient) => Promise<T>, settings: () => unknown = () => ({})): Promise<T> {
	const client = await start(settings);
	try {
		return await body(client);
	} finally {
		await client.stop();
	}
}

test('a second start reads each file once and parses none; a changed file is the only one parsed', async () => {
	// The template, SOURCE.md, the eight docs and the README.
	const files = 11;
	const statuses = await withServer(async (cold) => {
		assert.deepEqual(await indexing(cold), { read: files, parsed: files });
		return cold.connection.sendRequest(statusesRequest);
	});
	await withServer(async (warm) => {
		assert.deepEqual(await indexing(warm), { read: files, parsed: 0 });
		assert.deepEqual(await warm.connection.sendRequest(statusesRequest), statuses, 'the same statuses as a cold start');
	});
	const path = join(workspace, 'docs', 'design-docs', '06-config-as-data.md');
	writeFileSync(path, readFileSync(path, 'utf8').replace(/\n## /, '\n## Design\n\nIt is done so.\n\n## '));
	await withServer(async (edited) => {
		assert.deepEqual(await indexing(edited), { read: files, parsed: 1 });
		const report = (await edited.connection.sendRequest(statusesRequest)).find((entry) => entry.path.endsWith('06-config-as-data.md'))!;
		assert.ok(!report.missingSections.includes('Design'), 'the status of the new text, not the remembered one');
	});
});

test('a settings change that cannot change a status re-reads nothing; one that can, re-reads', async () => {
	let settings = {};
	let asked = () => {};
	await withServer(
		async (client) => {
			await indexing(client);
			const read = new Promise<void>((resolve) => (asked = resolve));
			settings = { debounceMs: 50, severity: { placeholder: 'error' }, docsFolder: 'elsewhere' };
			await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: {} });
			// Changed again only once the server has these settings: each change is seen on its own.
			await read;
			settings = { headingSynonyms: { 'User Guide': ['Usage'] } };
			await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: {} });
			const second = await indexing(client, 2);
			assert.equal(second.read, 11, 'the second change re-reads the workspace');
			assert.ok(second.parsed > 0, 'under settings the index has not seen');
			assert.equal(client.messages.filter((message) => indexedLog.test(message)).length, 2, 'the first change indexed nothing');
		},
		() => {
			asked();
			return settings;
		},
	);
});

test('an editor closed as soon as the index is built still finds it at the next start', async () => {
	const fresh = mkdtempSync(join(tmpdir(), 'design-docs-storage-'));
	// Enough docs that writing their statuses takes a while.
	const big = mkdtempSync(join(tmpdir(), 'design-docs-ws-'));
	for (let copy = 0; copy < 8; copy++) {
		cpSync(corpus, join(big, 'docs', 'design-docs', String(copy)), { recursive: true });
	}
	try {
		const begin = async () => {
			const client = new LspClient({ configuration: () => ({ problems: 'workspace' }) });
			await client.initialize({ configuration: true, rootUri: pathToFileURL(big).href, initializationOptions: { storageUri: pathToFileURL(fresh).href } });
			await client.notification(statusesChangedNotification.method);
			return client;
		};
		// Stopped the moment the statuses are there, while the index of statuses is being written.
		await (await begin()).stop();
		const warm = await begin();
		try {
			assert.equal((await indexing(warm)).parsed, 0);
		} finally {
			await warm.stop();
		}
	} finally {
		rmSync(fresh, { recursive: true, force: true });
		rmSync(big, { recursive: true, force: true });
	}
});
