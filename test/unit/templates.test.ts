import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { normalizeSettings } from '../../server/src/service/settings';
import { TemplateCache, bundledTemplate } from '../../server/src/templates';

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
writeFileSync(join(docs, 'template.txt'), good);

const resolveWith = (template: string) => new TemplateCache().resolve(join(docs, '01-a.md'), root, normalizeSettings({ template }));

test('a template from settings is used when it is a .md file inside the workspace', () => {
	const resolved = resolveWith('docs/rfc.md');
	assert.equal(resolved.path, join(docs, 'rfc.md'));
	assert.equal(resolved.problem, undefined);
});

test('an unusable template gives one clear message and the bundled template stands in', () => {
	const cases: [string, RegExp][] = [
		['docs/missing.md', /^Cannot use the template "docs\/missing\.md" from the designDoc\.template setting: it does not exist\. Using the bundled kpt template instead\.$/],
		['docs/empty.md', /empty\.md: it is empty\./],
		['docs/binary.md', /binary\.md: it is not a text file\./],
		['docs/huge.md', /huge\.md: it is 1\d{3} KB, more than the 1024 KB a template may have\./],
		['docs/no-sections.md', /no-sections\.md: it has no `##` section headings\./],
		['../outside/evil.md', /^Cannot use the template "\.\.\/outside\/evil\.md" from the designDoc\.template setting: it is outside the workspace folder\./],
		['docs/link.md', /from the designDoc\.template setting: it is a link to a file outside the workspace folder\./],
		['docs/template.txt', /a template must be a Markdown file ending in \.md/],
	];
	for (const [setting, message] of cases) {
		const resolved = resolveWith(setting);
		assert.match(resolved.problem ?? '', message, setting);
		assert.equal(resolved.key, bundledTemplate.key, setting);
	}
	assert.equal(resolveWith('docs/binary.md').problemFile, join(docs, 'binary.md'), 'shown on the file when it exists');
	assert.equal(resolveWith('docs/missing.md').problemFile, undefined);
});

test('a 00-template.md beside the docs or above them is found, up to the workspace folder', () => {
	const cache = new TemplateCache();
	const settings = normalizeSettings({});
	assert.equal(cache.resolve(join(docs, '01-a.md'), root, settings).key, 'bundled');
	writeFileSync(join(root, '00-template.md'), good);
	assert.equal(cache.resolve(join(docs, '01-a.md'), root, settings).path, join(root, '00-template.md'));
	assert.equal(cache.resolve(join(docs, '01-a.md'), docs, settings).key, 'bundled', 'not above the workspace folder');
});
