import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { test } from 'node:test';
import fc from 'fast-check';
import type { Nodes } from 'mdast';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { IncrementalParser } from '../../server/src/service/incremental';
import { CheckOptions, checkDocument } from '../../server/src/service/languageService';
import { scanHeadings } from '../../server/src/service/lineScan';
import { parseMarkdown } from '../../server/src/service/markdown';
import { defaultSettings } from '../../server/src/service/settings';
import { corpus, fixture, kptTemplate } from '../helpers';

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

/**
 * Lines of docs with link reference definitions, footnote style among them: definitions at the
 * top level, in quotes and lists, over two lines, cased and spaced differently from their
 * references, in scripts whose case folding is not one letter for one, and references to them
 * in headings, metadata, resolutions and the template's own guidance.
 */
const definitionLines = [
	'# [Title]', '## [Why]', '## Design [^d]', '## [User Guide][guide]', '## Open Issues/Questions', '## Alternatives Considered', '### [Q]?', '### \\<Question\\>',
	'* Author(s): [ada]', '* Approver: [^grace]', '* Approver:', 'Resolution: [kept][]', '__Not Yet Resolved__ [^3]',
	'Please describe your solution. [Please] list any:', 'see [Foo  BAR] and [foo\nbar] and ![img]',
	'[title]: https://example.com', '[why]: #why', '[^d]: https://d.example', '[^d]: Not a definition, a footnote text', '[guide]: <> "Guide"',
	'[ada]: mailto:ada@example.com', '[^grace]: /grace', '[kept]: /k', '[^3]: /three', '[q]: /q \'title\'', '[foo bar]:', '  /over-two-lines',
	'> [please]: /quoted', '* [img]: /in-a-list', '[Straße]: /s', '[STRASSE]', '[ſ]: /long-s', '[S]', '[Σ]: /sigma', '[ς]', `[${'ß'.repeat(600)}]: /long`, `[${'ß'.repeat(600)}]`,
	'```', '[^d]: /in-a-fence', '```', '<!--', '[why]: /in-a-comment', '-->', '* item', '  continued', '> quote', '', '', '', 'plain text',
];
const definitionDoc = fc.array(fc.constantFrom(...definitionLines), { maxLength: 40 }).map((lines) => lines.join('\n'));
const definitionEdits = fc.array(
	fc.record({ at: fc.nat(), remove: fc.nat({ max: 30 }), insert: fc.constantFrom(...definitionLines.map((line) => `${line}\n`), '\n\n', '[', ']', ':', ' ', 'x') }),
	{ minLength: 1, maxLength: 8 },
);
const runs = { seed: Number(process.env.FC_SEED ?? 20261204), numRuns: Number(process.env.FC_RUNS ?? 100) };

test('with link reference definitions, pieces give the same tree as a whole parse, also after random edits', () => {
	fc.assert(
		fc.property(definitionDoc, definitionEdits, (start, edits) => {
			const parser = new IncrementalParser();
			let text = start;
			same(parser, text);
			for (const { at, remove, insert } of edits) {
				const offset = at % (text.length + 1);
				text = text.slice(0, offset) + insert + text.slice(offset + remove);
				same(parser, text);
			}
		}),
		runs,
	);
});

test('with link reference definitions, an edited doc checked by pieces has the findings and status of a whole parse', () => {
	const options: CheckOptions = { template: kptTemplate, settings: defaultSettings, relativePath: 'design-docs/07-some-doc.md', force: true };
	const result = (text: string, parser: CheckOptions['parser']) => {
		const { diagnostics, status } = checkDocument(TextDocument.create('file:///design-docs/07-some-doc.md', 'markdown', 1, text), { ...options, parser });
		return { diagnostics, status };
	};
	fc.assert(
		fc.property(definitionDoc, definitionEdits, (start, edits) => {
			const parser = new IncrementalParser();
			let text = start;
			for (const { at, remove, insert } of [{ at: 0, remove: 0, insert: '' }, ...edits]) {
				const offset = at % (text.length + 1);
				text = text.slice(0, offset) + insert + text.slice(offset + remove);
				assert.deepEqual(result(text, parser), result(text, { parse: parseMarkdown }));
			}
		}),
		runs,
	);
});

test('a definition in one piece makes a link of a reference in another, and only the pieces that refer to it are parsed again', () => {
	const body = '# T\n\nSee [kpt] here.\n\n## Why\n\nNo reference.\n\n## Design\n\nAlso [^kpt-1].\n';
	const parser = new IncrementalParser();
	const links = (text: string) => JSON.stringify(parser.parse(text).root).match(/"linkReference"/g)?.length ?? 0;
	assert.equal(links(body), 0);
	assert.equal(links(`${body}\n[KPT]: https://kpt.dev\n`), 1, 'defined after the reference, in another case');
	assert.equal(links(`${body}\n[KPT]: https://kpt.dev\n[^kpt-1]: /one\n`), 2, 'footnote style');
	assert.equal(links(`${body}\n[KPT]: https://kpt.dev\n[^kpt-1]: Not a URL, a note\n`), 1, 'a footnote text is no definition');
	const why = parser.parse(`${body}\n[KPT]: https://kpt.dev\n`).root.children.find((node) => node.type === 'paragraph' && JSON.stringify(node).includes('No reference'));
	const again = parser.parse(`${body}\n[KPT]: https://kpt.dev/changed\n`).root.children.find((node) => node.type === 'paragraph' && JSON.stringify(node).includes('No reference'));
	assert.equal(again, why, 'a piece that names no definition keeps its tree');
	const long = 'ß'.repeat(600);
	same(parser, `# T\n\n[${long}]\n\n## Why\n\n[${long}]: /folded-past-999-characters\n`);
});

test('the line scanner finds headings outside fences and HTML blocks only', () => {
	const text = ['# A', '```', '# not', '```', '<!--', '# not', '-->', '<div>', '# not', '', '## B #', '~~~~', '# not', '~~~', '# still not', '~~~~', '#no', '###### C'].join('\n');
	assert.deepEqual(scanHeadings(text).map((heading) => [heading.line, heading.depth, heading.text]), [
		[0, 1, 'A'],
		[10, 2, 'B'],
		[17, 6, 'C'],
	]);
});
