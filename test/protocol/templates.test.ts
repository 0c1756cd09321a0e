import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { DidChangeWatchedFilesNotification, FileChangeType, InitializeRequest, InitializedNotification } from 'vscode-languageserver-protocol/node';
import { fixtures } from '../helpers';
import { LspClient } from './lspClient';

let client: LspClient;
let workspace: string;
const rfc = () => join(workspace, 'rfcs');
const kpt = () => join(workspace, 'kpt');

before(async () => {
	workspace = mkdtempSync(join(tmpdir(), 'multi-root-'));
	cpSync(join(fixtures, 'templates', 'rfc'), join(rfc(), 'docs'), { recursive: true });
	mkdirSync(join(kpt(), 'design-docs'), { recursive: true });
	writeFileSync(join(kpt(), 'design-docs', '01-a.md'), readFileSync(join(fixtures, 'rules', 'missing-section.md')));
	writeFileSync(join(kpt(), '.designdocrc.json'), JSON.stringify({ severity: { 'missing-section': 'warning' } }));
	client = new LspClient();
	await client.connection.sendRequest(InitializeRequest.type, {
		processId: process.pid,
		rootUri: null,
		capabilities: {},
		workspaceFolders: [
			{ uri: pathToFileURL(rfc()).href, name: 'rfcs' },
			{ uri: pathToFileURL(kpt()).href, name: 'kpt' },
		],
	});
	await client.connection.sendNotification(InitializedNotification.type, {});
});

after(async () => {
	await client.stop();
	rmSync(workspace, { recursive: true, force: true });
});

test('multi-root: each folder has its own template and its own .designdocrc.json', async () => {
	const rfcDoc = pathToFileURL(join(rfc(), 'docs', '01-faster-builds.md')).href;
	await client.open(rfcDoc, readFileSync(join(rfc(), 'docs', '01-faster-builds.md'), 'utf8'));
	const rfcCodes = (await client.diagnostics(rfcDoc)).diagnostics.map((diagnostic) => diagnostic.code);
	assert.deepEqual(rfcCodes, ['missing-section', 'heading-variant', 'unresolved-question']);
	const kptDoc = pathToFileURL(join(kpt(), 'design-docs', '01-a.md')).href;
	await client.open(kptDoc, readFileSync(join(kpt(), 'design-docs', '01-a.md'), 'utf8'));
	const kptDiagnostics = (await client.diagnostics(kptDoc)).diagnostics;
	assert.deepEqual([...new Set(kptDiagnostics.map((diagnostic) => `${diagnostic.code} ${diagnostic.severity}`))], ['missing-section 2'], 'the rc file made them warnings');
});

test('when the template changes, open docs are checked again against it, live', async () => {
	const doc = pathToFileURL(join(rfc(), 'docs', '01-faster-builds.md')).href;
	const template = join(rfc(), 'docs', '00-template.md');
	const before = client.publications(doc).length;
	writeFileSync(template, readFileSync(template, 'utf8').replace('## Drawbacks', '## Drawbacks (Optional)'));
	await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: pathToFileURL(template).href, type: FileChangeType.Changed }] });
	// Waits for the republication that no longer demands Drawbacks: it is optional now.
	const next = await client.diagnosticsWhere(doc, before, (params) => !params.diagnostics.some((diagnostic) => diagnostic.code === 'missing-section'));
	assert.deepEqual(next.diagnostics.map((diagnostic) => diagnostic.code), ['heading-variant', 'unresolved-question']);
});

test('a broken template: one clear message, a diagnostic on the template file, the bundled template stands in', async () => {
	const template = join(rfc(), 'docs', '00-template.md');
	writeFileSync(template, Buffer.from([0x23, 0x20, 0, 1, 2, 0xff]));
	const doc = pathToFileURL(join(rfc(), 'docs', '01-faster-builds.md')).href;
	const before = client.publications(doc).length;
	await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: pathToFileURL(template).href, type: FileChangeType.Changed }] });
	const templateDiagnostics = await client.diagnostics(pathToFileURL(template).href);
	assert.match(templateDiagnostics.diagnostics[0]!.message, /^Cannot use the template .*00-template\.md: it is not a text file\. Using the bundled kpt template instead\.$/);
	// Checked against the kpt template now, under which an RFC (no Author(s) or Approver line, no
	// design-docs folder) is not a design doc at all: its RFC findings are withdrawn.
	await client.diagnosticsWhere(doc, before, (params) => params.diagnostics.length === 0);
	// Shown once: every doc that follows the template would say the same.
	await client.message(/it is not a text file/);
	assert.equal(client.shown.filter((message) => message.includes('it is not a text file')).length, 1);
});
