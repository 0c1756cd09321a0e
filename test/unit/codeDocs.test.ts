import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { allCodes } from '../../server/src/service/codes';
import { check, root } from '../helpers';

const pages = join(root, 'docs', 'codes');

/** The first fenced block under `## heading`, with its language. */
function example(page: string, heading: 'Bad' | 'Good'): { language: string; text: string } {
	const match = new RegExp(`^## ${heading}\\n\\n\`\`\`(\\w+)\\n([\\s\\S]*?)\\n\`\`\`$`, 'm').exec(page);
	assert.ok(match, `no ${heading} example`);
	return { language: match[1]!, text: `${match[2]!}\n` };
}

test('one page per code and no page for a code that does not exist', () => {
	assert.deepEqual(readdirSync(pages).sort(), allCodes.map((code) => `${code}.md`).sort());
});

for (const code of allCodes) {
	test(`${code}: the page has a bad and a good example, and the Markdown ones are true`, () => {
		const page = readFileSync(join(pages, `${code}.md`), 'utf8');
		assert.match(page, new RegExp(`^# ${code}\\n`));
		const bad = example(page, 'Bad');
		const good = example(page, 'Good');
		assert.equal(bad.language, good.language);
		if (bad.language === 'markdown') {
			const codesOf = (text: string) => check(text, { relativePath: 'design-docs/04-arm-build.md' }).map((diagnostic) => diagnostic.code);
			assert.ok(codesOf(bad.text).includes(code), `the bad example gives no ${code}`);
			assert.ok(!codesOf(good.text).includes(code), `the good example gives ${code}`);
		}
	});
}
