import type { Nodes, Root, RootContent } from 'mdast';
import { type Cut, normalizeIdentifier, scanCuts } from './lineScan';
import { ParsedMarkdown, parseRoot } from './markdown';

/** A parsed piece of a doc: the text between two places a new top-level block must start. */
interface Piece {
	readonly source: string;
	readonly root: Root;
	/** Offset and 0-based line where the piece's tree currently says it starts. */
	offset: number;
	line: number;
	/** Identifiers of the link reference definitions anywhere in the piece. */
	readonly defines: readonly string[];
	/** The definitions of the doc the piece was parsed with (`signature` of identifiers). */
	readonly given: string;
	/** The doc's definitions `given` was chosen from: while they stay the same, so does `given`. */
	among: string;
}

/**
 * Parses a document by pieces and reparses only the pieces whose text
 * changed. Outside fenced code and HTML blocks, an unindented ATX heading
 * always starts a new top-level block, and so does an unindented line after a
 * blank one unless it is a list item (see `scanCuts`); cutting there gives the
 * same tree as a whole parse, but for one thing: link reference definitions
 * are global to a document. A definition parses the same wherever it is, but
 * whether `[x]` is a link depends on a definition of `x` anywhere in the doc.
 * So each piece is parsed with the doc's definitions it may refer to written
 * before it (and their nodes dropped), and kept until its text or that set
 * changes: the tree is still exactly the whole parse's.
 *
 * It also bounds the cost of a keystroke in a big doc to the parse of one
 * piece, and the cost of remark's super-linear cases to the piece they are in.
 */
export class IncrementalParser {
	private pieces = new Map<string, Piece[]>();

	parse(text: string): ParsedMarkdown {
		const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
		const body = bom ? text.slice(1) : text;
		const scan = scanCuts(body);
		// A first parse takes few, big chunks: each parse has a fixed cost. Once a document is
		// being edited, a chunk whose text changed is cut at every cut, so the next keystroke
		// there reparses one paragraph or so, and the other chunks keep their parse.
		const chunks = chunkStarts(scan.cuts);
		const found = this.pieces.size > 0 ? this.editedStarts(body, scan.cuts, chunks) : chunks;
		const cuts = [0, ...found.map((cut) => cut.offset)];
		const lines = [0, ...found.map((cut) => cut.line)];
		const sources = cuts.map((start, index) => body.slice(start, cuts[index + 1] ?? body.length));
		// The line scanner's guess at the definitions saves a second parse of new pieces when it is right.
		const guess = [...scan.definitions];
		const taken = sources.map((source) => this.pieces.get(source)?.pop() ?? parsePiece(source, needed(guess, source), signature(guess)));
		if (taken.some((piece) => piece.given === unrepresentable)) {
			return this.parseWhole(text);
		}
		const defined = [...new Set(taken.flatMap((piece) => piece.defines))];
		const among = signature(defined);
		const next = new Map<string, Piece[]>();
		const children: RootContent[] = [];
		for (let index = 0; index < taken.length; index++) {
			let piece = taken[index]!;
			if (piece.among !== among) {
				const needs = needed(defined, piece.source);
				if (signature(needs) === piece.given) {
					piece.among = among;
				} else {
					piece = parsePiece(piece.source, needs, among);
				}
			}
			if (piece.given === unrepresentable) {
				return this.parseWhole(text);
			}
			move(piece, cuts[index]!, lines[index]!);
			next.set(piece.source, [...(next.get(piece.source) ?? []), piece]);
			children.push(...piece.root.children);
		}
		this.pieces = next;
		const root: Root = { type: 'root', children, position: { start: { line: 1, column: 1, offset: 0 }, end: endPoint(body) } };
		return new ParsedMarkdown(text, root);
	}

	/** Piece starts: the chunks parsed before as they are, the others cut at every cut. */
	private editedStarts(body: string, cuts: readonly Cut[], chunks: readonly Cut[]): Cut[] {
		const starts: Cut[] = [];
		let next = 0;
		for (let index = 0; index <= chunks.length; index++) {
			const start = index === 0 ? 0 : chunks[index - 1]!.offset;
			const end = chunks[index]?.offset ?? body.length;
			if (index > 0) {
				starts.push(chunks[index - 1]!);
			}
			while (next < cuts.length && cuts[next]!.offset <= start) {
				next++;
			}
			const kept = this.pieces.has(body.slice(start, end));
			for (; next < cuts.length && cuts[next]!.offset < end; next++) {
				if (!kept) {
					starts.push(cuts[next]!);
				}
			}
		}
		return starts;
	}

	private parseWhole(text: string): ParsedMarkdown {
		this.pieces.clear();
		return new ParsedMarkdown(text);
	}
}

/** Marks a piece that needs a definition whose label cannot be written back (see `parsePiece`): the doc is parsed whole. */
const unrepresentable = '\u0000';

const signature = (identifiers: readonly string[]) => [...identifiers].sort().join('\n');

/**
 * The definitions a piece may refer to. A reference needs a `]`, and its label
 * matches a definition's after spaces are collapsed and case is folded. Each
 * space-free run of a label lies on one line of the piece, verbatim, between
 * characters (`[`, `]`, spaces) that change no folding around them, so a
 * definition whose runs do not all occur in the piece folded alike cannot be
 * referred to from it.
 */
function needed(defined: readonly string[], source: string): string[] {
	if (defined.length === 0 || !source.includes(']')) {
		return [];
	}
	const folded = source.toLowerCase().toUpperCase().toLowerCase();
	return defined.filter((identifier) => identifier.split(' ').every((run) => folded.includes(run)));
}

/**
 * Parses a piece with the given definitions written before it, each as
 * `[identifier]: #` on its own line and a blank line after them all (after a
 * blank line, the piece's first line starts a block just as at its cut), then
 * drops their nodes and counts offsets and lines from the piece's start.
 */
function parsePiece(source: string, given: readonly string[], among: string): Piece {
	// An identifier is its own label unless folding changed it or made it too long (`ß` → `ss`).
	if (given.some((identifier) => identifier.length > 999 || normalizeIdentifier(identifier) !== identifier)) {
		// Its own definitions are unknown too: nothing but a whole parse is right.
		return { source, root: { type: 'root', children: [] }, offset: 0, line: 0, defines: [], given: unrepresentable, among };
	}
	const prefix = given.length > 0 ? `${given.map((identifier) => `[${identifier}]: #\n`).join('')}\n` : '';
	const root = parseRoot(prefix + source);
	root.children = root.children.filter((node) => (node.position?.start.offset ?? 0) >= prefix.length);
	const defines = new Set<string>();
	collectDefinitions(root.children, defines);
	return { source, root, offset: prefix.length, line: prefix ? given.length + 1 : 0, defines: [...defines], given: signature(given), among };
}

/** Definitions sit at the top level or in block containers (quotes, lists), never inside a paragraph. */
function collectDefinitions(nodes: readonly RootContent[], into: Set<string>): void {
	for (const node of nodes) {
		if (node.type === 'definition') {
			into.add(node.identifier);
		} else if (node.type === 'blockquote' || node.type === 'list' || node.type === 'listItem') {
			collectDefinitions(node.children, into);
		}
	}
}

/** Each parse costs a fixed setup on top of its text; pieces smaller than this cost more than they save. */
const minChunk = 3000;
/** Past this size, cut at the next chance: the cost of a keystroke is the parse of its chunk. */
const maxChunk = 8000;

/**
 * Where chunks start: at some of the places a new block must start (see
 * `scanCuts`). Which ones is decided by the text at the cut, not by what came
 * before, past a minimum size: an edit moves chunk boundaries only near
 * itself, so the chunks further on keep their text and their parse.
 */
function chunkStarts(cuts: readonly Cut[]): Cut[] {
	const starts: Cut[] = [];
	let chunkStart = 0;
	for (const cut of cuts) {
		const size = cut.offset - chunkStart;
		if (size >= maxChunk || (size >= minChunk && (fnv(cut.content) & 3) === 0)) {
			starts.push(cut);
			chunkStart = cut.offset;
		}
	}
	return starts;
}

/** FNV-1a of a line's first 32 characters: a cheap, stable coin to toss per cut. */
function fnv(line: string): number {
	let hash = 0x811c9dc5;
	for (let index = 0; index < Math.min(line.length, 32); index++) {
		hash = Math.imul(hash ^ line.charCodeAt(index), 0x01000193);
	}
	return hash >>> 0;
}

/** Shifts a piece's tree so its offsets and lines count from `offset` and `line` of the whole text. */
function move(piece: Piece, offset: number, line: number): void {
	const deltaOffset = offset - piece.offset;
	const deltaLine = line - piece.line;
	if (deltaOffset === 0 && deltaLine === 0) {
		return;
	}
	const visit = (node: Nodes) => {
		const position = node.position;
		if (position) {
			position.start.offset = (position.start.offset ?? 0) + deltaOffset;
			position.end.offset = (position.end.offset ?? 0) + deltaOffset;
			position.start.line += deltaLine;
			position.end.line += deltaLine;
		}
		if ('children' in node) {
			for (const child of node.children) {
				visit(child);
			}
		}
	};
	for (const child of piece.root.children) {
		visit(child);
	}
	piece.offset = offset;
	piece.line = line;
}

function endPoint(text: string): { line: number; column: number; offset: number } {
	const lastBreak = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r'));
	const breaks = text.match(/\r\n|\r|\n/g)?.length ?? 0;
	return { line: breaks + 1, column: text.length - lastBreak, offset: text.length };
}
