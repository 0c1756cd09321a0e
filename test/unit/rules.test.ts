import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe as suite, test } from 'node:test';
import { check, describe, expectations, fixture, fixtures } from '../helpers';

// Each fixture lists the findings it must produce, exactly, in a trailing
// `<!-- expect -->` block (markdownlint's inline-expectation style).
// `reviewer/` holds docs written the way authors drift from the template, with
// the findings a careful reviewer would write.
suite('rule fixtures', () => {
	for (const [folder, name] of ['rules', 'reviewer'].flatMap((folder) => readdirSync(join(fixtures, folder)).filter((file) => file.endsWith('.md')).map((file) => [folder, file] as const))) {
		test(`${folder}/${name}`, () => {
			const text = fixture(folder, name);
			assert.deepEqual(check(text).map(describe), expectations(text));
		});
	}
});
