import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { check, codeDocs, corpus, fixture, fixtures } from '../helpers';
import { LspClient } from './lspClient';

let client: LspClient;

before(async () => {
	client = new LspClient();
	await client.initialize();
});

after(() => client.stop());

test('publishes the exact diagnostics for the version opened', async () => {
	const uri = 'untitled:Untitled-1';
	await client.open(uri, fixture('rules', 'missing-metadata-absent.md'), 3);
	assert.deepEqual(await client.diagnostics(uri), {
		uri,
		version: 3,
		diagnostics: [
			{
				range: { start: { line: 0, character: 0 }, end: { line: 0, character: 26 } },
				severity: 1,
				code: 'missing-metadata',
				codeDescription: { href: `${codeDocs}missing-metadata.md` },
				source: 'design-doc',
				message: 'Missing metadata "Approver:" in the header: expected a line like "* Approver: <kpt-maintainer>".',
				data: { code: 'missing-metadata', label: 'Approver', form: '* Approver: ', insertAt: 58, ownBlock: false },
			},
			{
				range: { start: { line: 2, character: 0 }, end: { line: 2, character: 16 } },
				severity: 2,
				code: 'metadata-variant',
				codeDescription: { href: `${codeDocs}metadata-variant.md` },
				source: 'design-doc',
				message: 'Metadata "* **Author(s):**" is not written as the template writes it: expected "* Author(s):".',
				data: { code: 'metadata-variant', expected: '* Author(s): ', replace: { start: 28, end: 45 } },
			},
		],
	});
});

test('a corpus doc gets the same diagnostics as the service and the CLI compute', async () => {
	const path = join(corpus, '02-oci-support.md');
	const text = fixture('kpt-design-docs', '02-oci-support.md');
	const uri = pathToFileURL(path).href;
	await client.open(uri, text);
	const published = await client.diagnostics(uri);
	assert.deepEqual(published.diagnostics, check(text, { relativePath: 'kpt-design-docs/02-oci-support.md', force: false, codeDocs }));
	assert.deepEqual(
		published.diagnostics.map((diagnostic) => diagnostic.code),
		['placeholder', 'template-text', 'template-text', 'unresolved-question', 'unresolved-question', 'empty-section', 'template-text'],
	);
});

test('a burst of changes gives one validation, of the last version', async () => {
	const uri = 'untitled:Burst';
	const text = fixture('rules', 'complete.md');
	await client.open(uri, text, 1);
	assert.deepEqual((await client.diagnostics(uri)).diagnostics, []);
	for (let version = 2; version <= 6; version++) {
		await client.change(uri, version, text.replace('# Faster Package Rendering', version < 6 ? `# Draft ${version}` : '# Title'));
	}
	const next = await client.diagnostics(uri, 2);
	assert.equal(next.version, 6, 'the first result after the burst is for its last version');
	assert.deepEqual(next.diagnostics.map((diagnostic) => diagnostic.code), ['placeholder']);
	await client.close(uri);
	const cleared = await client.diagnostics(uri, 3);
	assert.deepEqual(cleared.diagnostics, [], 'closing clears');
	assert.equal(client.publications(uri).length, 3, 'nothing was published for the intermediate versions');
});

test('Markdown that is not a design doc gets no diagnostics', async () => {
	const uri = pathToFileURL(join(fixtures, 'README.md')).href;
	await client.open(uri, '# Notes\n\nJust notes.\n');
	assert.deepEqual((await client.diagnostics(uri)).diagnostics, []);
});
