import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { test } from 'node:test';
import fc from 'fast-check';
import type { Nodes } from 'mdast';
import { IncrementalParser } from '../../server/src/service/incremental';
import { scanHeadings } from '../../server/src/service/lineScan';
import { parseMarkdown } from '../../server/src/service/markdown';
import { corpus, fixture } from '../helpers';

/** A tree as comparable data: every node's type, value and offsets (lines included). */
function shape(node: Nodes): unknown {
	const { position } = node;
	return [
		node.type,
		'value' in node ? node.value : undefined,
		'depth' in node ? node.depth : undefined,
		'spread' in node ? node.spread : undefined,
		'ordered' in node ? [node.ordered, node.start] : undefined,
		'lang' in node ? [node.lang, node.meta] : undefined,
		'url' in node ? [node.url, node.title] : undefined,
		'identifier' in node ? node.identifier : undefined,
		position && [position.start.offset, position.end.offset, position.start.line, position.end.line, position.start.column, position.end.column],
		'children' in node ? (node.children as Nodes[]).map(shape) : undefined,
	];
}

const same = (parser: IncrementalParser, text: string) => assert.deepEqual(shape(parser.parse(text).root), shape(parseMarkdown(text).root));

const docs = readdirSync(corpus)
	.filter((name) => name.endsWith('.md'))
	.map((name) => fixture('kpt-design-docs', name));

test('pieces give the same tree as a whole parse on every corpus doc, LF and CRLF, with a BOM', () => {
	for (const text of docs) {
		for (const variant of [text, text.replace(/\n/g, '\r\n'), `\uFEFF${text}`]) {
			same(new IncrementalParser(), variant);
		}
	}
});

test('after random edits the reused pieces still equal a whole parse', () => {
	const pieces = ['\n', '# ', '## H\n', '```\n', '~~~\n', '<!--\n', '-->\n', '<div>\n', '\n\n', '> ', '* ', '- ', '1. ', '  ', '\t', 'text ', '[x]: /url\n', '[x]', '===\n', '---\n', '    code\n', '😀', '\r\n', '\\<Question\\>', '\n\n* item\n\nmore\n', '\n\n1) one\n\n2) two\n'];
	fc.assert(
		fc.property(
			fc.constantFrom(...docs.slice(1, 6)),
			fc.array(fc.record({ at: fc.nat(), remove: fc.nat({ max: 40 }), insert: fc.constantFrom(...pieces) }), { minLength: 1, maxLength: 8 }),
			(start, edits) => {
				const parser = new IncrementalParser();
				let text = start;
				parser.parse(text);
				for (const { at, remove, insert } of edits) {
					const offset = at % (text.length + 1);
					text = text.slice(0, offset) + insert + text.slice(offset + remove);
					same(parser, text);
				}
			},
		),
		{ seed: Number(process.env.FC_SEED ?? 20261126), numRuns: Number(process.env.FC_RUNS ?? 60) },
	);
});

test('the line scanner finds headings outside fences and HTML blocks only', () => {
	const text = ['# A', '```', '# not', '```', '<!--', '# not', '-->', '<div>', '# not', '', '## B #', '~~~~', '# not', '~~~', '# still not', '~~~~', '#no', '###### C'].join('\n');
	assert.deepEqual(scanHeadings(text).map((heading) => [heading.line, heading.depth, heading.text]), [
		[0, 1, 'A'],
		[10, 2, 'B'],
		[17, 6, 'C'],
	]);
});
