import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { check, root } from '../helpers';

interface Snippet {
	prefix: string | string[];
	body: string | string[];
	description: string;
}

const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const [contribution] = manifest.contributes.snippets;
const snippets: Record<string, Snippet> = JSON.parse(readFileSync(join(root, contribution.path), 'utf8'));

/**
 * Expands a snippet body as VS Code would with every default accepted, and
 * throws on anything its snippet parser would not read as intended: an
 * unclosed `${`, a bad tab stop, a stray `}`.
 */
function expand(body: string): string {
	let index = 0;
	const parse = (inside: boolean): string => {
		let out = '';
		while (index < body.length) {
			const char = body[index]!;
			if (char === '\\' && /[$}\\|,]/.test(body[index + 1] ?? '')) {
				out += body[index + 1];
				index += 2;
			} else if (char === '$') {
				const simple = /^\$(\d+|[A-Z_]+)/.exec(body.slice(index));
				if (simple) {
					index += simple[0].length;
					continue;
				}
				const open = /^\$\{(\d+)(:|\|)?/.exec(body.slice(index));
				if (!open) {
					throw new Error(`bad $ at ${index}: ${body.slice(index, index + 10)}`);
				}
				index += open[0].length;
				if (open[2] === ':') {
					out += parse(true);
				} else if (open[2] === '|') {
					const end = body.indexOf('|}', index);
					assert.ok(end > index, 'choice closed');
					out += body.slice(index, end).split(',')[0];
					index = end + 1;
				}
				assert.equal(body[index], '}', `tab stop ${open[1]} closed`);
				index++;
			} else if (char === '}' && inside) {
				return out;
			} else {
				assert.notEqual(char, '}', `stray } at ${index}`);
				out += char;
				index++;
			}
		}
		assert.ok(!inside, 'placeholder closed before the end');
		return out;
	};
	return parse(false);
}

const bodyOf = (snippet: Snippet) => (Array.isArray(snippet.body) ? snippet.body.join('\n') : snippet.body);

test('every snippet has a prefix, a description and a body VS Code can parse', () => {
	assert.equal(contribution.language, 'markdown');
	assert.ok(Object.keys(snippets).length >= 9);
	for (const [name, snippet] of Object.entries(snippets)) {
		assert.ok(snippet.prefix.length > 0 && snippet.description.length > 0, name);
		assert.doesNotThrow(() => expand(bodyOf(snippet)), name);
	}
});

test('the designdoc snippet expands to a doc with every template section in order', () => {
	const whole = Object.values(snippets).find((snippet) => [snippet.prefix].flat().includes('designdoc'))!;
	const text = expand(bodyOf(whole));
	const codes = check(text).map((diagnostic) => diagnostic.code);
	assert.ok(!codes.includes('missing-section') && !codes.includes('section-order') && !codes.includes('missing-metadata'), codes.join());
	// What is left to write is flagged: the placeholders and the empty sections.
	assert.deepEqual([...new Set(codes)].sort(), ['empty-section', 'placeholder']);
	assert.match(text, /^\* Author\(s\): \\<your name\\>, \\<your github alias\\>$/m);
});

test('the question snippet is a question with a Not Yet Resolved resolution', () => {
	assert.equal(expand(bodyOf(snippets.Question!)), '### Question\n\nResolution: __Not Yet Resolved__\n');
});
