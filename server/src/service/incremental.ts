import type { Nodes, Root, RootContent } from 'mdast';
import { scanCuts } from './lineScan';
import { ParsedMarkdown, parseRoot } from './markdown';

/** A parsed piece of a doc: the text between two places a new top-level block must start. */
interface Piece {
	readonly root: Root;
	/** Offset and 0-based line where the piece's tree currently says it starts. */
	offset: number;
	line: number;
}

/**
 * Parses a document by pieces and reparses only the pieces whose text
 * changed. Outside fenced code and HTML blocks, an unindented ATX heading
 * always starts a new top-level block, and so does an unindented line after a
 * blank one unless it is a list item (see `scanCuts`); cutting there gives the
 * same tree as a whole parse, with one exception: link reference definitions
 * are global to a document, so a doc that has any is parsed whole.
 *
 * It also bounds the cost of a keystroke in a big doc to the parse of one
 * piece, and the cost of remark's super-linear cases to the piece they are in.
 */
export class IncrementalParser {
	private pieces = new Map<string, Piece[]>();
	/** Whether the last text had link reference definitions (then pieces are not kept). */
	private whole = false;

	parse(text: string): ParsedMarkdown {
		const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
		const body = bom ? text.slice(1) : text;
		if (this.whole) {
			return this.parseWhole(text, body);
		}
		// A first parse takes few, big chunks: each parse has a fixed cost. Once a document is
		// being edited, every cut is a boundary, so a keystroke reparses one paragraph or so.
		const found = this.pieces.size > 0 ? scanCuts(body) : chunkStarts(body);
		const cuts = [0, ...found.map((cut) => cut.offset)];
		const lines = [0, ...found.map((cut) => cut.line)];
		const next = new Map<string, Piece[]>();
		const children: RootContent[] = [];
		for (let index = 0; index < cuts.length; index++) {
			const start = cuts[index]!;
			const source = body.slice(start, cuts[index + 1] ?? body.length);
			const piece = this.pieces.get(source)?.pop() ?? { root: parseRoot(source), offset: 0, line: 0 };
			if (piece.root.children.some((node) => node.type === 'definition')) {
				this.whole = true;
				this.pieces.clear();
				return this.parseWhole(text, body);
			}
			move(piece, start, lines[index]!);
			next.set(source, [...(next.get(source) ?? []), piece]);
			children.push(...piece.root.children);
		}
		this.pieces = next;
		const root: Root = { type: 'root', children, position: { start: { line: 1, column: 1, offset: 0 }, end: endPoint(body) } };
		return new ParsedMarkdown(text, root);
	}

	private parseWhole(text: string, body: string): ParsedMarkdown {
		const root = parseRoot(body);
		// Come back to pieces once the definitions are gone.
		this.whole = root.children.some((node) => node.type === 'definition');
		return new ParsedMarkdown(text, root);
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
function chunkStarts(text: string): { offset: number; line: number }[] {
	const starts: { offset: number; line: number }[] = [];
	let chunkStart = 0;
	for (const cut of scanCuts(text)) {
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
