import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { CodeActionRequest, DidChangeWatchedFilesNotification, FileChangeType } from 'vscode-languageserver-protocol/node';
import { newDocRequest, statusesChangedNotification, statusesRequest } from '../../server/src/protocol';
import { corpus } from '../helpers';
import { LspClient } from './lspClient';

let client: LspClient;
let workspace: string;
const docs = () => join(workspace, 'docs', 'design-docs');
const uriOf = (name: string) => pathToFileURL(join(docs(), name)).href;
const changed = statusesChangedNotification.method;

before(async () => {
	workspace = mkdtempSync(join(tmpdir(), 'design-docs-ws-'));
	cpSync(corpus, docs(), { recursive: true });
	writeFileSync(join(workspace, 'README.md'), '# Not a design doc\n');
	client = new LspClient();
	await client.initialize({ rootUri: pathToFileURL(workspace).href });
	await client.notification(changed);
});

after(async () => {
	await client.stop();
	rmSync(workspace, { recursive: true, force: true });
});

test('the status request lists every design doc on disk, never opened, sorted by path', async () => {
	const reports = await client.connection.sendRequest(statusesRequest);
	assert.deepEqual(
		reports.map((report) => [report.path, report.status, report.description]),
		[
			['docs/design-docs/01-live-invenstory-to-rg.md', 'draft', 'missing: Open Issues/Questions · 1 placeholder left'],
			['docs/design-docs/02-oci-support.md', 'draft', 'empty: Alternatives Considered · 1 placeholder left · template guidance left'],
			['docs/design-docs/03-pipeline-merge.md', 'ready', 'complete'],
			['docs/design-docs/04-arm-build.md', 'draft', 'empty: Open Issues/Questions · 1 placeholder left · template guidance left'],
			['docs/design-docs/05-kpt-fn-exclude.md', 'draft', 'missing: User Guide · 1 placeholder left'],
			['docs/design-docs/06-config-as-data.md', 'draft', 'missing: Design, User Guide, Open Issues/Questions, Alternatives Considered'],
			['docs/design-docs/07-package-orchestration.md', 'draft', 'missing: Design'],
			['docs/design-docs/08-package-variant.md', 'draft', 'missing: User Guide, Open Issues/Questions, Alternatives Considered'],
		],
	);
	assert.equal(reports[0]!.uri, uriOf('01-live-invenstory-to-rg.md'));
});

test('the output channel gets one line for the start: the template, the docs indexed, the time', async () => {
	await client.message(/^Design Doc Assistant started/);
	const started = client.messages.filter((message) => message.startsWith('Design Doc Assistant started'));
	assert.equal(started.length, 1, client.messages.join('\n'));
	assert.match(started[0]!, /^Design Doc Assistant started: template docs\/design-docs\/00-template\.md, 8 design docs indexed in \d+ ms\.$/);
	assert.ok(!client.messages.some((message) => /\n\s+at /.test(message)), 'a stack trace in the output channel');
});

test('a file changed on disk: one notification after the burst, and the new status', async () => {
	const seen = client.notificationCount(changed);
	const path = join(docs(), '07-package-orchestration.md');
	writeFileSync(path, readFileSync(path, 'utf8').replace('## User Guide', '## Design\n\nPorch.\n\n## User Guide'));
	const added = join(docs(), '09-new-idea.md');
	writeFileSync(added, readFileSync(join(corpus, '03-pipeline-merge.md')));
	const events = [
		{ uri: pathToFileURL(path).href, type: FileChangeType.Changed },
		{ uri: pathToFileURL(added).href, type: FileChangeType.Created },
		{ uri: pathToFileURL(path).href, type: FileChangeType.Changed },
	];
	for (const event of events) {
		await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [event] });
	}
	await client.notification(changed, seen + 1);
	const reports = await client.connection.sendRequest(statusesRequest);
	const byPath = new Map(reports.map((report) => [report.path.split('/').pop(), report]));
	assert.equal(byPath.get('07-package-orchestration.md')!.status, 'open-questions');
	assert.equal(byPath.get('09-new-idea.md')!.status, 'ready');
	rmSync(added);
	await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: pathToFileURL(added).href, type: FileChangeType.Deleted }] });
	await client.notification(changed, seen + 2);
	assert.ok(!(await client.connection.sendRequest(statusesRequest)).some((report) => report.path.endsWith('09-new-idea.md')));
});

test('duplicate-number: reported with the other doc as related information, fixed by a rename', async () => {
	const seen = client.notificationCount(changed);
	const copy = join(docs(), '03-copy-of-merge.md');
	writeFileSync(copy, readFileSync(join(corpus, '03-pipeline-merge.md')));
	await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: pathToFileURL(copy).href, type: FileChangeType.Created }] });
	await client.notification(changed, seen + 1);
	const uri = uriOf('03-pipeline-merge.md');
	await client.open(uri, readFileSync(join(docs(), '03-pipeline-merge.md'), 'utf8'));
	const { diagnostics } = await client.diagnostics(uri);
	const duplicate = diagnostics.find((diagnostic) => diagnostic.code === 'duplicate-number')!;
	assert.equal(duplicate.message, 'Number "03" is also used by "03-copy-of-merge.md": expected a number of its own, such as "09-pipeline-merge.md".');
	assert.deepEqual(duplicate.relatedInformation, [
		{ location: { uri: pathToFileURL(copy).href, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }, message: '03-copy-of-merge.md has the same number' },
	]);
	const actions = await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: duplicate.range, context: { diagnostics: [duplicate] } });
	assert.deepEqual(actions, [
		{
			title: 'Rename file to "09-pipeline-merge.md", the next free number',
			kind: 'quickfix',
			diagnostics: [duplicate],
			edit: { documentChanges: [{ kind: 'rename', oldUri: uri, newUri: uriOf('09-pipeline-merge.md'), options: { overwrite: false, ignoreIfExists: false } }] },
		},
		// No disable actions: a comment in one doc cannot settle a clash between two.
		{
			title: 'Show documentation for duplicate-number',
			kind: 'quickfix',
			diagnostics: [duplicate],
			command: { title: 'Show documentation for duplicate-number', command: 'designDoc.server.showDocumentation', arguments: ['duplicate-number'] },
		},
	]);
	await client.close(uri);
});

test('New Design Doc: the next free number in the docs folder, the template filled in', async () => {
	const result = await client.connection.sendRequest(newDocRequest, { title: 'Faster Rendering' });
	assert.ok('uri' in result);
	assert.equal(result.uri, uriOf('09-faster-rendering.md'));
	assert.match(result.text, /^# Faster Rendering\n/);
	assert.deepEqual(await client.connection.sendRequest(newDocRequest, { title: '!!!' }), {
		error: 'The title "!!!" has no letters or digits to make a file name from: type a few words, such as "Package Variants".',
	});
});
