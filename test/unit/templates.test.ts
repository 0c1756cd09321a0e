import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { URI } from 'vscode-uri';
import { nodeFileSystem } from '../../server/src/files/nodeFileSystem';
import { normalizeSettings } from '../../server/src/service/settings';
import { TemplateCache, bundledTemplate, maxTemplateSections } from '../../server/src/templates';

const uri = (path: string) => URI.file(path).toString();
const root = mkdtempSync(join(tmpdir(), 'templates-'));
const docs = join(root, 'docs');
mkdirSync(docs);
const outside = mkdtempSync(join(tmpdir(), 'outside-'));
const good = '# \\<Title\\>\n\n* Owner: \\<owner\\>\n\n## Summary\n\nSay it.\n';
writeFileSync(join(docs, 'rfc.md'), good);
writeFileSync(join(outside, 'evil.md'), good);
symlinkSync(join(outside, 'evil.md'), join(docs, 'link.md'));
writeFileSync(join(docs, 'empty.md'), '  \n');
writeFileSync(join(docs, 'binary.md'), Buffer.from([0x23, 0x20, 0x00, 0xff, 0x10]));
writeFileSync(join(docs, 'huge.md'), `# T\n\n## S\n\n${'x'.repeat(1_100_000)}`);
writeFileSync(join(docs, 'no-sections.md'), '# Just a title\n\nAnd prose.\n');
writeFileSync(join(docs, 'sprawling.md'), `# T\n\n${Array.from({ length: maxTemplateSections + 1 }, (_, i) => `## S${i}\n\nx\n`).join('\n')}`);
writeFileSync(join(docs, 'template.txt'), good);
execFileSync('mkfifo', [join(docs, 'fifo.md')]);
symlinkSync('/proc/self/status', join(docs, 'proc.md'));
symlinkSync('/dev/zero', join(docs, 'zero.md'));

/** `folder` null: the doc is in no workspace folder. */
const resolveWith = (settings: Record<string, unknown>, doc = join(docs, '01-a.md'), folder: string | null = root) =>
	new TemplateCache(nodeFileSystem).resolve(uri(doc), folder === null ? undefined : uri(folder), normalizeSettings(settings));

test('a template from settings is used when it is a .md file inside the workspace', async () => {
	const resolved = await resolveWith({ template: 'docs/rfc.md' });
	assert.equal(resolved.uri, uri(join(docs, 'rfc.md')));
	assert.equal(resolved.problem, undefined);
});

test('an unusable or escaping template gives one clear message and the bundled template stands in', async () => {
	const cases: [string, RegExp][] = [
		['docs/missing.md', /^Cannot use the template "docs\/missing\.md" from the designDoc\.template setting: it does not exist\. Using the bundled kpt template instead\.$/],
		['docs/empty.md', /empty\.md: it is empty\./],
		['docs/binary.md', /binary\.md: it is not a text file\./],
		['docs/huge.md', /huge\.md: it is 1\d{3} KB or more, over the 1024 KB limit\./],
		['docs/no-sections.md', /no-sections\.md: it has no "##" section headings\./],
		['docs/sprawling.md', new RegExp(`sprawling\\.md: it has ${maxTemplateSections + 1} "##" sections, more than the ${maxTemplateSections} a template may have\\.`)],
		['../outside/evil.md', /^Cannot use the template "\.\.\/outside\/evil\.md" from the designDoc\.template setting: it is outside the workspace folder\./],
		[join(outside, 'evil.md'), /from the designDoc\.template setting: it is outside the workspace folder\./],
		['docs/link.md', /from the designDoc\.template setting: it is a link to a file outside the workspace folder\./],
		['docs/template.txt', /a template must be a Markdown file ending in \.md/],
		['docs/fifo.md', /fifo\.md: it is a named pipe \(FIFO\), not a file\./],
		['docs/proc.md', /it is a link to a file outside the workspace folder/],
	];
	for (const [template, message] of cases) {
		const resolved = await resolveWith({ template });
		assert.match(resolved.problem ?? '', message, template);
		assert.equal(resolved.key, bundledTemplate.key, template);
		assert.doesNotMatch(resolved.problem ?? '', /Say it/, 'nothing of a refused file is shown');
	}
	assert.equal((await resolveWith({ template: 'docs/binary.md' })).problemUri, uri(join(docs, 'binary.md')), 'shown on the file when it exists');
	assert.equal((await resolveWith({ template: 'docs/missing.md' })).problemUri, undefined);
});

test('a 00-template.md beside the docs or above them is found, up to the workspace folder', async () => {
	const cache = new TemplateCache(nodeFileSystem);
	const settings = normalizeSettings({});
	const doc = uri(join(docs, '01-a.md'));
	assert.equal((await cache.resolve(doc, uri(root), settings)).key, 'bundled');
	writeFileSync(join(root, '00-template.md'), good);
	assert.equal((await cache.resolve(doc, uri(root), settings)).uri, uri(join(root, '00-template.md')));
	assert.equal((await cache.resolve(doc, uri(docs), settings)).key, 'bundled', 'not above the workspace folder');
});

test('an auto-detected template that links outside the workspace, or is not a regular file, is refused', async () => {
	for (const [target, message] of [
		[join(outside, 'evil.md'), /it is a link to a file outside the workspace folder/],
		['/proc/self/status', /it is a link to a file outside the workspace folder/],
		['/dev/zero', /it is a link to a file outside the workspace folder/],
	] as const) {
		const folder = mkdtempSync(join(tmpdir(), 'linked-'));
		symlinkSync(target, join(folder, '00-template.md'));
		const resolved = await resolveWith({}, join(folder, '01-a.md'), folder);
		assert.match(resolved.problem ?? '', message, target);
		assert.equal(resolved.key, bundledTemplate.key);
		assert.equal(resolved.problemUri, uri(join(folder, '00-template.md')));
	}
	const fifoFolder = mkdtempSync(join(tmpdir(), 'fifo-'));
	execFileSync('mkfifo', [join(fifoFolder, '00-template.md')]);
	assert.match((await resolveWith({}, join(fifoFolder, '01-a.md'), fifoFolder)).problem ?? '', /it is a named pipe \(FIFO\), not a file/);
});

test('templateFileName must be a file name: a path there is refused, not followed', async () => {
	writeFileSync(join(outside, 'secret.md'), good);
	for (const templateFileName of ['../../outside/secret.md', join(outside, 'secret.md'), '..']) {
		const resolved = await resolveWith({ templateFileName });
		assert.match(resolved.problem ?? '', /designDoc\.templateFileName setting: it must be a file name, not a path/, templateFileName);
		assert.equal(resolved.key, bundledTemplate.key);
	}
});

test('a doc outside every workspace folder looks for a template only in its own folder', async () => {
	const parent = mkdtempSync(join(tmpdir(), 'lone-'));
	writeFileSync(join(parent, '00-template.md'), good);
	mkdirSync(join(parent, 'sub'));
	assert.equal((await resolveWith({}, join(parent, 'sub', '01-a.md'), null)).key, 'bundled');
	assert.equal((await resolveWith({}, join(parent, '01-a.md'), null)).uri, uri(join(parent, '00-template.md')));
	assert.match((await resolveWith({ template: 'x.md' }, join(parent, '01-a.md'), null)).problem ?? '', /not in a workspace folder/);
});
