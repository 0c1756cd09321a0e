import assert from 'node:assert/strict';
import { test } from 'node:test';
import { check, describe, fixture } from '../helpers';

const lf = fixture('rules', 'placeholder.md');
const expected = check(lf).map(describe);

test('CRLF line endings give the same positions as LF', () => {
	assert.ok(expected.length > 0);
	assert.deepEqual(check(lf.replace(/\n/g, '\r\n')).map(describe), expected);
});

test('a BOM does not shift columns on the first line or any other', () => {
	// The BOM is a character of the text, so it shifts line 1 by one UTF-16 unit
	// and nothing else: exactly what TextDocument.positionAt reports for it.
	const withBom = check(`\uFEFF${lf}`).map(describe);
	assert.equal(withBom[0], expected[0]!.replace('1:3-1:8', '1:4-1:9'));
	assert.deepEqual(withBom.slice(1), expected.slice(1));
});

test('emoji before a placeholder count as two UTF-16 units', () => {
	const text = lf.replace('* Approver: <kpt-maintainer>', '* Approver: 😀🚀 <kpt-maintainer>');
	const approver = check(text).map(describe).find((line) => line.includes('Approver'));
	// Column 13 + four UTF-16 units for two astral emoji + one space.
	assert.match(approver!, /^4:18-4:34 placeholder/);
});

test('tabs are one character each', () => {
	const text = lf.replace('* Approver: <kpt-maintainer>', '* Approver:\t\t<kpt-maintainer>');
	const approver = check(text).map(describe).find((line) => line.includes('Approver'));
	assert.match(approver!, /^4:14-4:30 placeholder/);
});

test('ranges never end inside a CRLF', () => {
	const text = fixture('rules', 'template-text.md').replace(/\n/g, '\r\n');
	const lines = text.split('\r\n');
	for (const diagnostic of check(text)) {
		for (const position of [diagnostic.range.start, diagnostic.range.end]) {
			assert.ok(position.character <= lines[position.line]!.length, describe(diagnostic));
		}
	}
});
