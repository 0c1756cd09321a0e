import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe as suite, test } from 'node:test';
import { check, describe, expectations, fixture, fixtures } from '../helpers';

// Each fixture lists the findings it must produce, exactly, in a trailing
// `<!-- expect -->` block (markdownlint's inline-expectation style).
suite('rule fixtures', () => {
	for (const name of readdirSync(join(fixtures, 'rules')).filter((file) => file.endsWith('.md'))) {
		test(name, () => {
			const text = fixture('rules', name);
			assert.deepEqual(check(text).map(describe), expectations(text));
		});
	}
});
