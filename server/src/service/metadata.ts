import type { Paragraph, RootContent } from 'mdast';
import { lineStart } from './edits';
import type { ParsedMarkdown } from './markdown';

/**
 * One `Key: value` line of a header, however it is written: a bullet as the
 * template writes it (`* Author(s): Jane`), under another bullet (`- `, `+ `),
 * bold (`**Authors:** Jane`), or a plain line of a paragraph. Read from the
 * paragraphs remark found, line by line, since authors put several on
 * consecutive lines that Markdown joins into one paragraph.
 */
export interface MetadataLine {
	/** Where its form starts: the list marker, or the start of the line. */
	readonly start: number;
	/** The key as a reader sees it, without markup: `Authors`. */
	readonly label: string;
	/** Offsets of the value after `Key:` and its spaces (an empty range when there is none). */
	readonly valueStart: number;
	readonly valueEnd: number;
	/** What its form is, with the key's words as `L`: `* L: `, `**L:** `. Lines of one form have the same shape. */
	readonly shape: string;
}

/**
 * The metadata lines of the header blocks `nodes`. The first line of each list
 * item is one when it has a colon; any other line (a paragraph's, or one that
 * runs on in a list item) only when `isKey` accepts its label, so an intro
 * sentence with a colon is not mistaken for one.
 */
export function metadataLines(md: ParsedMarkdown, nodes: readonly RootContent[], isKey: (label: string) => boolean): MetadataLine[] {
	return nodes.flatMap((node) => {
		if (node.type === 'list') {
			return node.children.flatMap((item) => {
				const paragraph = item.children[0];
				return paragraph?.type === 'paragraph' ? paragraphLines(md, paragraph, md.start(item), isKey) : [];
			});
		}
		return node.type === 'paragraph' ? paragraphLines(md, node, undefined, isKey) : [];
	});
}

/**
 * The `Key: value` lines of a paragraph. `item` is where the list item that
 * holds it starts (its marker): then its first line is one whatever its key.
 */
function paragraphLines(md: ParsedMarkdown, paragraph: Paragraph, item: number | undefined, isKey: (label: string) => boolean): MetadataLine[] {
	const lines: MetadataLine[] = [];
	const end = md.end(paragraph);
	for (let from = md.start(paragraph); from < end; ) {
		const lineEnd = Math.min(end, endOfLine(md.text, from));
		const first = from === md.start(paragraph);
		const line = keyValue(md.text, first && item !== undefined ? item : lineStart(md.text, from), from, lineEnd, lineEnd === end);
		const previous = lines[lines.length - 1];
		if (line && ((first && item !== undefined) || isKey(line.label))) {
			lines.push(line);
		} else if (previous) {
			// A value wrapped onto the next line: `* Author(s): Ada Lovelace,` then `  Grace Hopper`.
			lines[lines.length - 1] = { ...previous, valueEnd: from + valueOf(md.text.slice(from, lineEnd), lineEnd === end).length };
		}
		from = nextLine(md.text, lineEnd);
	}
	return lines;
}

/** `Key: value` on the line from `from` to `to`, or undefined when there is no key before a colon. */
function keyValue(text: string, start: number, from: number, to: number, last: boolean): MetadataLine | undefined {
	const colon = text.indexOf(':', from);
	if (colon < 0 || colon >= to) {
		return undefined;
	}
	const label = text
		.slice(from, colon)
		.replace(/[*_`\\]/g, '')
		.trim();
	if (label === '') {
		return undefined;
	}
	let valueStart = colon + 1;
	// The closing `**` of `**Key:**`.
	while (valueStart < to && /[*_]/.test(text[valueStart]!)) {
		valueStart++;
	}
	while (valueStart < to && /[ \t]/.test(text[valueStart]!)) {
		valueStart++;
	}
	return { start, label, valueStart, valueEnd: valueStart + valueOf(text.slice(valueStart, to), last).length, shape: shapeOf(text.slice(start, valueStart)) };
}

/** A line's text without what ends it: spaces, and the backslash of a hard break (not on a paragraph's last line, where it is text). */
function valueOf(line: string, last: boolean): string {
	return line.replace(last ? /\s+$/ : /\s*\\?\s*$/, '');
}

/** `* Author(s): ` → `* L: `; `**Authors:** ` → `**L:** `: the form without the words. */
export function shapeOf(prefix: string): string {
	return prefix
		.replace(/[^\s*_+:\\-][^*_:\\]*?(?=\s*[*_:\\])/gu, 'L')
		.replace(/\s+/g, ' ')
		.trim();
}

function endOfLine(text: string, from: number): number {
	const match = /\r\n|\r|\n/g;
	match.lastIndex = from;
	const found = match.exec(text);
	return found ? found.index : text.length;
}

function nextLine(text: string, lineEnd: number): number {
	return text.startsWith('\r\n', lineEnd) ? lineEnd + 2 : lineEnd + 1;
}
