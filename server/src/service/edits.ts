/** An edit in offsets of one exact text; converted to LSP ranges only at the end. */
export interface OffsetEdit {
	readonly start: number;
	readonly end: number;
	readonly newText: string;
}

/** The text's own line ending, so a fix never writes a bare LF into a CRLF file. */
export function lineEnding(text: string): string {
	const match = /\r\n|\r|\n/.exec(text);
	return match ? match[0] : '\n';
}

/** Offset of the start of the line holding `offset`. */
export function lineStart(text: string, offset: number): number {
	let start = offset;
	while (start > 0 && text[start - 1] !== '\n' && text[start - 1] !== '\r') {
		start--;
	}
	return start;
}

/** Offset just past the line break ending the line holding `offset` (or the end of the text). */
export function nextLineStart(text: string, offset: number): number {
	let end = offset;
	while (end < text.length && text[end] !== '\n' && text[end] !== '\r') {
		end++;
	}
	if (text.startsWith('\r\n', end)) {
		return end + 2;
	}
	return end < text.length ? end + 1 : end;
}

/**
 * Inserts a block of lines at `offset` (a line start or the end of the text)
 * with exactly one blank line before and after it, whatever is already there.
 */
export function insertBlock(text: string, offset: number, lines: readonly string[], eol: string): OffsetEdit {
	const breaksBefore = lineBreaks(/(?:\r\n|\r|\n)*$/.exec(text.slice(0, offset))![0]);
	const rest = text.slice(offset);
	const breaksAfter = lineBreaks(/^(?:\r\n|\r|\n)*/.exec(rest)![0]);
	const lead = offset === 0 ? '' : eol.repeat(Math.max(0, 2 - breaksBefore));
	// The block's own line break, plus a blank line unless one follows already.
	const tail = rest === '' || breaksAfter > 0 ? eol : eol + eol;
	return { start: offset, end: offset, newText: `${lead}${lines.join(eol)}${tail}` };
}

function lineBreaks(text: string): number {
	return text.replace(/\r\n/g, '\n').length;
}

/** Applies edits that do not overlap, in any order. */
export function applyEdits(text: string, edits: readonly OffsetEdit[]): string {
	let result = text;
	for (const edit of [...edits].sort((a, b) => b.start - a.start || b.end - a.end)) {
		result = result.slice(0, edit.start) + edit.newText + result.slice(edit.end);
	}
	return result;
}

/**
 * True when two edits cannot both be applied as one change: their ranges
 * intersect, or they start at the same offset (two inserts there have no order).
 */
export function overlaps(a: OffsetEdit, b: OffsetEdit): boolean {
	if (a.start === b.start) {
		return true;
	}
	const [first, second] = a.start < b.start ? [a, b] : [b, a];
	return second.start < first.end;
}
