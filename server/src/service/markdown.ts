import type { Heading, Nodes, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

const processor = unified().use(remarkParse);

/**
 * A parsed Markdown text. Offsets handed out are offsets into `text` as given,
 * so they convert directly with `TextDocument.positionAt`.
 */
export class ParsedMarkdown {
	readonly root: Root;
	/** micromark drops a leading BOM and counts offsets without it; we add it back. */
	readonly bomLength: number;

	/** @param root the tree of `text` without its BOM, when already parsed (by pieces: see `incremental.ts`). */
	constructor(
		readonly text: string,
		root?: Root,
	) {
		this.bomLength = text.charCodeAt(0) === 0xfeff ? 1 : 0;
		this.root = root ?? parseRoot(this.bomLength ? text.slice(1) : text);
	}

	start(node: Nodes): number {
		return (node.position?.start.offset ?? 0) + this.bomLength;
	}

	end(node: Nodes): number {
		return (node.position?.end.offset ?? 0) + this.bomLength;
	}

	/** The source of a node exactly as written, markup and escapes included. */
	source(node: Nodes): string {
		return this.text.slice(this.start(node), this.end(node));
	}

	/** Offsets of a heading's text, without the `#` marks or the setext underline. */
	headingTextRange(heading: Heading): [number, number] {
		const first = heading.children[0];
		const last = heading.children[heading.children.length - 1];
		if (!first || !last) {
			return [this.start(heading), this.start(heading)];
		}
		return [this.start(first), this.end(last)];
	}
}

export function parseMarkdown(text: string): ParsedMarkdown {
	return new ParsedMarkdown(text);
}

/** The one place Markdown is parsed: unified + remark-parse, CommonMark. */
export function parseRoot(text: string): Root {
	return processor.parse(text);
}

/**
 * Plain text of a block, with its child blocks separated by a space, so two
 * paragraphs never run together into one word.
 */
export function blockText(node: Nodes): string {
	if ('children' in node && node.type !== 'paragraph' && node.type !== 'heading' && isBlockContainer(node)) {
		return node.children.map((child) => blockText(child as Nodes)).join(' ');
	}
	return toString(node, { includeHtml: false });
}

function isBlockContainer(node: Nodes): boolean {
	return node.type === 'blockquote' || node.type === 'list' || node.type === 'listItem' || node.type === 'root';
}

/**
 * The form texts are compared in: case, spacing and line breaks do not matter,
 * so a reflowed copy of a paragraph compares equal to the original.
 */
export function normalizeText(text: string): string {
	return text.replace(/\s+/g, ' ').trim().toLowerCase();
}

/** Heading text as a reader sees it (`\<Question\>` reads `<Question>`). */
export function headingText(heading: Heading): string {
	return toString(heading, { includeHtml: false }).replace(/\s+/g, ' ').trim();
}

export function isHeading(node: RootContent, maxDepth = 6): node is Heading {
	return node.type === 'heading' && node.depth <= maxDepth;
}

/** An HTML comment block: invisible when rendered, so it never counts as content. */
export function isComment(node: RootContent): boolean {
	return node.type === 'html' && /^\s*<!--[\s\S]*?-->\s*$/.test(node.value);
}

/** `<Question>` style text: the template's placeholder pattern. */
export function isPlaceholderText(text: string): boolean {
	return /^<[^<>]+>$/.test(text.trim());
}
