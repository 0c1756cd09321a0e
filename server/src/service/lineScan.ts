/**
 * A line scanner that finds ATX headings outside fenced code and HTML blocks,
 * in a fraction of a parse. It serves two purposes: cutting a doc into pieces
 * that parse independently, and a structural check of docs too big or too
 * hostile to parse. Where a line is doubtful it does not call it a heading:
 * a missed cut only makes a piece bigger, never wrong.
 */

export interface ScannedHeading {
	/** Offset of the start of the heading's line. */
	readonly start: number;
	/** Offset of the end of the line, before its line break. */
	readonly end: number;
	readonly depth: number;
	/** The heading text without `#` marks and closing sequence. */
	readonly text: string;
	/** 0-based line number. */
	readonly line: number;
}

/** How an HTML block that started on a line ends (CommonMark's seven kinds, folded into what matters here). */
type HtmlEnd = RegExp | 'blank';

const htmlStarts: readonly [RegExp, HtmlEnd][] = [
	[/^ {0,3}<(?:script|pre|style|textarea)(?:\s|>|$)/i, /<\/(?:script|pre|style|textarea)>/i],
	[/^ {0,3}<!--/, /-->/],
	[/^ {0,3}<\?/, /\?>/],
	[/^ {0,3}<![A-Za-z]/, />/],
	[/^ {0,3}<!\[CDATA\[/, /\]\]>/],
	// Kinds 6 and 7 (any other tag) run to a blank line; treating every tag alike is the safe side.
	[/^ {0,3}<\/?[A-Za-z][A-Za-z0-9-]*(?:\s|\/?>|$)/, 'blank'],
];

const fenceOpen = /^( {0,3})(`{3,}|~{3,})(.*)$/;
const atxHeading = /^(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;

/** One line of a text, and whether it is inside fenced code or an HTML block (the line that opens one included). */
interface Line {
	readonly start: number;
	readonly end: number;
	readonly content: string;
	readonly line: number;
	readonly inBlock: boolean;
	/** A fence or HTML block is still open after this line. */
	readonly openAfter: boolean;
}

function* lines(text: string): Generator<Line> {
	let fence: { char: string; length: number } | undefined;
	let html: HtmlEnd | undefined;
	let line = 0;
	for (let start = 0; start <= text.length; line++) {
		let end = start;
		while (end < text.length && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) {
			end++;
		}
		const content = text.slice(start, end);
		let inBlock = true;
		if (fence) {
			const close = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(content);
			if (close && close[1]![0] === fence.char && close[1]!.length >= fence.length) {
				fence = undefined;
			}
		} else if (html) {
			if (html === 'blank' ? content.trim() === '' : html.test(content)) {
				html = undefined;
			}
		} else {
			const opening = fenceOpen.exec(content);
			const started = opening ? undefined : htmlStarts.find(([pattern]) => pattern.test(content));
			if (opening && !(opening[2]![0] === '`' && opening[3]!.includes('`'))) {
				fence = { char: opening[2]![0]!, length: opening[2]!.length };
			} else if (started) {
				const [pattern, ending] = started;
				// A block whose end marker is on its first line is over already.
				html = ending !== 'blank' && ending.test(content.replace(pattern, '')) ? undefined : ending;
			} else {
				inBlock = false;
			}
		}
		yield { start, end, content, line, inBlock, openAfter: fence !== undefined || html !== undefined };
		if (end >= text.length) {
			break;
		}
		start = text.startsWith('\r\n', end) ? end + 2 : end + 1;
	}
}

export function scanHeadings(text: string): ScannedHeading[] {
	const headings: ScannedHeading[] = [];
	for (const { start, end, content, line, inBlock } of lines(text)) {
		const heading = inBlock ? null : atxHeading.exec(content);
		if (heading) {
			headings.push({ start, end, depth: heading[1]!.length, text: (heading[2] ?? '').trim(), line });
		}
	}
	return headings;
}

/** After a blank line, a line that cannot continue a list: not indented, not a list item. */
const freshBlock = /^(?![ \t]|[*+-](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$))\S/;

/** A one-line link reference definition, unindented: `[label]: destination "title"`. */
const definitionLine = /^ {0,3}\[((?:[^\\[\]]|\\.){1,999})\]:[ \t]*(?:<[^<>\r\n]*>|[^\s<]\S*)(?:[ \t]+(?:"[^"]*"|'[^']*'|\([^()]*\)))?[ \t]*$/;

export interface Cut {
	readonly offset: number;
	/** 0-based line number. */
	readonly line: number;
	readonly content: string;
}

/**
 * Offsets where a new top-level block starts whatever came before: an
 * unindented ATX heading, or, after a blank line, an unindented line that is
 * not a list item (which could join a list above). Outside fenced code and
 * HTML blocks only. And, from the same pass, the identifiers of the link
 * reference definitions that fit on one line: a guess (a parse decides), so
 * pieces are parsed once with the definitions they will need.
 */
export function scanCuts(text: string): { cuts: Cut[]; definitions: Set<string> } {
	const cuts: Cut[] = [];
	const definitions = new Set<string>();
	let afterBlank = false;
	for (const { start, content, line, inBlock } of lines(text)) {
		if (!inBlock && start > 0 && (atxHeading.test(content) || (afterBlank && freshBlock.test(content)))) {
			cuts.push({ offset: start, line, content });
		}
		const definition = !inBlock && content.includes(']:') ? definitionLine.exec(content) : null;
		if (definition) {
			definitions.add(normalizeIdentifier(definition[1]!));
		}
		afterBlank = !inBlock && content.trim() === '';
	}
	return { cuts, definitions };
}

/** A label as micromark and mdast compare it (mdast's `identifier`): spaces collapsed, case folded. */
export function normalizeIdentifier(label: string): string {
	return label
		.replace(/[\t\n\r ]+/g, ' ')
		.replace(/^ | $/g, '')
		.toLowerCase()
		.toUpperCase()
		.toLowerCase();
}

/**
 * True when text inserted at `offset` (a line start, or the end of the text)
 * would land inside fenced code or an HTML block left open above it, where a
 * heading or a resolution would not be one.
 */
export function insideOpenBlock(text: string, offset: number): boolean {
	let open = false;
	for (const line of lines(text)) {
		if (line.start >= offset && offset < text.length) {
			break;
		}
		open = line.openAfter;
		if (line.end >= offset) {
			break;
		}
	}
	return open;
}
