import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normalizeSettings } from '../../server/src/service/settings';
import { check, describe, fixture } from '../helpers';

const complete = fixture('rules', 'complete.md');
const plainReadme = '# My tool\n\nIt does things.\n\n## Install\n\nRun it.\n';

test('a Markdown file is a design doc by path glob or by its metadata header', () => {
	const notForced = { force: false };
	assert.deepEqual(check(plainReadme, { ...notForced, relativePath: 'README.md' }), []);
	assert.ok(check(plainReadme, { ...notForced, relativePath: 'docs/design-docs/12-readme.md' }).length > 0, 'include glob, numbered');
	assert.ok(check(plainReadme.replace('## Install', '## Why'), { ...notForced, relativePath: 'docs/design-docs/idea.md' }).length > 0, 'include glob, a template section');
	assert.deepEqual(check(plainReadme, { ...notForced, relativePath: 'docs/design-docs/README.md' }), [], 'a README beside the docs is not one');
	assert.ok(check(plainReadme.replace('It does', '* Approver: Ada\n\nIt does'), notForced).length > 0, 'untitled doc recognised by content');
	assert.deepEqual(check(complete, { ...notForced, relativePath: 'node_modules/x/design-docs/01-a.md' }), [], 'exclude wins');
});

test('the template file itself is never reported on', () => {
	assert.deepEqual(check(fixture('rules', 'placeholder.md'), { relativePath: 'design-docs/00-template.md' }), []);
});

test('file-name: NN-lower-case-with-dashes.md, with a suggested name', () => {
	assert.deepEqual(check(complete, { relativePath: 'design-docs/09-faster-rendering.md' }), []);
	assert.deepEqual(check(complete, { relativePath: 'design-docs/9_Faster Rendering.md' }).map(describe), [
		'1:1-1:27 file-name File name "9_Faster Rendering.md" does not follow "NN-lower-case-with-dashes.md": expected a name like "09-faster-rendering.md".',
	]);
	assert.match(check(complete, { relativePath: 'Faster.md' }).map(describe)[0]!, /expected a name like "NN-faster.md"/);
	assert.deepEqual(check(complete, { relativePath: undefined }), [], 'untitled docs have no file name to check');
});

test('severities follow the settings, and "off" drops a code', () => {
	const text = fixture('rules', 'unresolved-question.md');
	const settings = normalizeSettings({ severity: { 'unresolved-question': 'error', 'placeholder': 'bogus' } });
	assert.deepEqual(new Set(check(text, { settings }).map((diagnostic) => diagnostic.severity)), new Set([1]));
	assert.equal(settings.severity.placeholder, 'warning', 'an invalid value falls back to the default');
	assert.deepEqual(check(text, { settings: normalizeSettings({ severity: { 'unresolved-question': 'off' } }) }), []);
});

test('every diagnostic says where it comes from and carries fix data', () => {
	for (const diagnostic of check(fixture('rules', 'placeholder.md'))) {
		assert.equal(diagnostic.source, 'design-doc');
		assert.equal((diagnostic.data as { code: string }).code, diagnostic.code);
	}
});

test('settings of the wrong type fall back to defaults', () => {
	const settings = normalizeSettings({ include: 'x', debounceMs: -5, templateFileName: '' });
	assert.deepEqual(settings, normalizeSettings(undefined));
});
