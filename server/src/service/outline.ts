import type { Heading, Nodes, Paragraph, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { ParsedMarkdown, blockText, headingText, isComment, isHeading, normalizeText } from './markdown';
import { matchHeadings, sameSpelling } from './headingMatch';
import { MetadataLine, metadataLines } from './metadata';
import { compactKey } from './names';
import type { TemplateMetadataKey, TemplateModel, TemplateSection } from './template';

/** A `##` section of a doc, with the template section it stands for. */
export interface DocSection {
	readonly heading: Heading;
	readonly text: string;
	/** Root nodes under the heading up to the next `#` or `##`. */
	readonly body: readonly RootContent[];
	/** Offset where the section ends (the next section's heading, or the end of the text). */
	readonly end: number;
	readonly template: TemplateSection | undefined;
	/** Index of `template` in the template's sections. */
	readonly templateIndex: number;
	/** True when the heading only approximates the template's (`## User guide`). */
	readonly variant: boolean;
}

export type QuestionState = 'resolved' | 'not-yet-resolved' | 'unresolved';

export interface DocQuestion {
	readonly heading: Heading;
	readonly text: string;
	readonly state: QuestionState;
	/** Offset just after the question's last block: where a resolution goes. */
	readonly bodyEnd: number;
}

/** A metadata line of the header, and the template's key it stands for. */
export interface DocMetadataItem extends MetadataLine {
	readonly key: TemplateMetadataKey | undefined;
}

/**
 * Blocks that repeat the template's guidance, and where the template has it:
 * consecutive blocks of one origin (a copied guidance of several paragraphs)
 * are one leftover, found once and removed in one edit.
 */
export interface Leftover {
	readonly nodes: readonly RootContent[];
	readonly origin: string;
}

/** Everything the rules need to know about a doc, computed once per validation. */
export interface DocOutline {
	readonly md: ParsedMarkdown;
	readonly template: TemplateModel;
	readonly title: Heading | undefined;
	/** Offset of the end of the header (title, metadata, intro) = where the first section starts. */
	readonly headerEnd: number;
	readonly metadata: readonly DocMetadataItem[];
	readonly sections: readonly DocSection[];
	readonly questions: readonly DocQuestion[];
	readonly leftovers: readonly Leftover[];
	/** Headings whose whole text is a template placeholder (`### \<Question\>`). */
	readonly placeholderHeadings: readonly Heading[];
	/** Where findings about the whole doc are shown: the title, else the first block that is not a comment, else the start of the text (after a BOM). */
	readonly anchor: { readonly start: number; readonly end: number };
}

/** @param synonyms template heading → more headings that stand for it (the `headingSynonyms` setting). */
export function outline(md: ParsedMarkdown, template: TemplateModel, synonyms: Readonly<Record<string, readonly string[]>> = {}): DocOutline {
	const nodes = md.root.children;
	const titleIndex = nodes.findIndex((node) => isHeading(node, 1));
	const title = titleIndex >= 0 && !nodes.slice(0, titleIndex).some((node) => isHeading(node)) ? (nodes[titleIndex] as Heading) : undefined;
	const headerFrom = title ? titleIndex + 1 : 0;
	let headerTo = headerFrom;
	while (headerTo < nodes.length && !isHeading(nodes[headerTo]!, 2)) {
		headerTo++;
	}
	const headerNodes = nodes.slice(headerFrom, headerTo);
	const headerEnd = headerTo < nodes.length ? md.start(nodes[headerTo]!) : md.text.length;
	const keyOf = (label: string) => template.metadata.find((candidate) => candidate.key === compactKey(label));
	const metadata = metadataLines(md, headerNodes, (label) => keyOf(label) !== undefined).map((line) => ({ ...line, key: keyOf(line.label) }));
	// Blocks holding metadata lines are the header's, not text that could repeat the template's guidance.
	const metadataBlocks = new Set<RootContent>(
		headerNodes.filter((node) => node.type === 'list' || metadata.some((line) => line.valueStart >= md.start(node) && line.valueStart <= md.end(node))),
	);

	const leftovers = findLeftovers(nodes.filter((node) => !metadataBlocks.has(node)), template);
	const leftoverNodes = new Set<Nodes>(leftovers.flatMap((leftover) => leftover.nodes));
	const sections = matchSections(md, nodes, template, synonyms);
	// One inside a leftover is reported, and removed, with it.
	const placeholderHeadings = nodes.filter(
		(node): node is Heading =>
			isHeading(node) && node !== title && !leftoverNodes.has(node) && template.placeholderHeadings.has(normalizeText(headingText(node))),
	);
	const placeholders = new Set<Nodes>(placeholderHeadings);
	const questionSection = sections.find((section) => section.template?.role === 'questions');
	const questions = questionSection && template.questions ? findQuestions(md, questionSection, template, leftoverNodes, placeholders) : [];
	// Without a title, the first block after any leading comments: a disable comment at the top then covers it.
	const firstBlock = nodes.find((node) => !isComment(node));
	const anchorAt = firstBlock ? md.start(firstBlock) : md.bomLength;
	const anchor = title ? { start: md.start(title), end: md.end(title) } : { start: anchorAt, end: anchorAt };
	return { md, template, title, headerEnd, metadata, sections, questions, leftovers, placeholderHeadings, anchor };
}

function matchSections(
	md: ParsedMarkdown,
	nodes: readonly RootContent[],
	template: TemplateModel,
	synonyms: Readonly<Record<string, readonly string[]>>,
): DocSection[] {
	const starts: number[] = [];
	nodes.forEach((node, index) => {
		if (isHeading(node, 2) && node.depth === 2) {
			starts.push(index);
		}
	});
	const texts = starts.map((index) => headingText(nodes[index] as Heading).replace(/\s*\(optional\)$/i, ''));
	const matched = matchHeadings(
		texts,
		template.sections.map((section) => section.heading),
		synonyms,
	);

	// Where each section ends: at the next heading of level 1 or 2, found in one pass from the end.
	const ends = new Array<number>(nodes.length);
	for (let index = nodes.length - 1, next = -1; index >= 0; index--) {
		ends[index] = next;
		if (isHeading(nodes[index]!, 2)) {
			next = index;
		}
	}
	return starts.map((index, position) => {
		const end = ends[index]!;
		const { index: templateIndex, declared } = matched[position]!;
		const section = template.sections[templateIndex];
		return {
			heading: nodes[index] as Heading,
			text: texts[position]!,
			body: nodes.slice(index + 1, end < 0 ? nodes.length : end),
			end: end < 0 ? md.text.length : md.start(nodes[end]!),
			template: section,
			templateIndex,
			variant: section !== undefined && !declared && !sameSpelling(texts[position]!, section.heading),
		};
	});
}

/**
 * Blocks that repeat the template's guidance. A quote that holds nothing but
 * guidance and placeholder headings is one leftover, so removing it is one
 * edit; so is a run of sibling blocks of one origin.
 */
function findLeftovers(nodes: readonly RootContent[], template: TemplateModel): Leftover[] {
	const leftovers: { nodes: RootContent[]; origin: string }[] = [];
	// Most blocks are the author's own: their first words already differ from every guidance text.
	const guidanceOf = (node: RootContent) => (mayBeGuidance(node, template) ? template.guidance.get(normalizeText(blockText(node))) : undefined);
	const isGuidance = (node: RootContent) => guidanceOf(node) !== undefined;
	// A run of the template's placeholder headings (`### \<Approach\>` between two of its guidance
	// paragraphs), and the block before them: they belong to the guidance that follows them.
	let held: RootContent[] = [];
	let heldAfter: RootContent | undefined;
	const add = (blocks: readonly RootContent[], origin: string, previousSibling: RootContent | undefined) => {
		const run = leftovers[leftovers.length - 1];
		if (run && previousSibling !== undefined && run.nodes[run.nodes.length - 1] === previousSibling && run.origin === origin) {
			run.nodes.push(...blocks);
		} else {
			leftovers.push({ nodes: [...blocks], origin });
		}
	};
	nodes.forEach((node, index) => {
		if (node.type === 'heading' && template.placeholderHeadings.has(normalizeText(headingText(node)))) {
			heldAfter = held.length === 0 ? nodes[index - 1] : heldAfter;
			held.push(node);
			return;
		}
		const [leading, previous] = [held, held.length > 0 ? heldAfter : nodes[index - 1]];
		held = [];
		if ((node.type === 'paragraph' || node.type === 'list') && isGuidance(node)) {
			add([...leading, node], guidanceOf(node)!, previous);
		} else if (node.type === 'blockquote') {
			const inner = node.children.filter((child) => (child.type === 'paragraph' || child.type === 'list') && isGuidance(child));
			const onlyGuidance = node.children.every(
				(child) => inner.includes(child) || (child.type === 'heading' && template.placeholderHeadings.has(normalizeText(headingText(child)))),
			);
			if (isGuidance(node) || (inner.length > 0 && onlyGuidance)) {
				add([...leading, node], (guidanceOf(node) ?? guidanceOf(inner[0]!))!, previous);
			} else {
				for (const child of inner) {
					add([child], guidanceOf(child)!, node.children[node.children.indexOf(child) - 1]);
				}
			}
		}
	});
	return leftovers;
}

/** Length of the prefix compared before a block's whole text is built. */
const prefixLength = 12;
const prefixesOf = new WeakMap<TemplateModel, Set<string>>();

/** False when the block's first words start no guidance text of the template: then it cannot be one. */
function mayBeGuidance(node: RootContent, template: TemplateModel): boolean {
	let prefixes = prefixesOf.get(template);
	if (!prefixes) {
		prefixes = new Set([...template.guidance.keys()].map((text) => text.slice(0, prefixLength)));
		prefixesOf.set(template, prefixes);
	}
	const first = firstText(node);
	if (first === undefined) {
		return true;
	}
	// Normalising a long first text whole would cost what this check is here to save.
	const start = normalizeText(first.slice(0, prefixLength * 4));
	// Too short to tell (emphasis or a link may follow): compare the whole text.
	return start.length < prefixLength || prefixes.has(start.slice(0, prefixLength));
}

/** The first piece of text `toString` would give for a block, or undefined if it is not plain text. */
function firstText(node: Nodes): string | undefined {
	if (node.type === 'text' || node.type === 'inlineCode') {
		return node.value;
	}
	if (node.type === 'html' || node.type === 'image' || !('children' in node) || node.children.length === 0) {
		return undefined;
	}
	return firstText(node.children[0] as Nodes);
}

function findQuestions(
	md: ParsedMarkdown,
	section: DocSection,
	template: TemplateModel,
	leftovers: ReadonlySet<Nodes>,
	placeholders: ReadonlySet<Nodes>,
): DocQuestion[] {
	const convention = template.questions!;
	const keyword = normalizeText(convention.resolutionKeyword);
	const marker = normalizeText(convention.notYetResolved);
	const questions: DocQuestion[] = [];
	section.body.forEach((node, index) => {
		if (!isHeading(node) || node.depth !== 3 || placeholders.has(node) || leftovers.has(node)) {
			return;
		}
		const next = section.body.findIndex((other, after) => after > index && isHeading(other, 3));
		const body = section.body.slice(index + 1, next < 0 ? section.body.length : next).filter((block) => !leftovers.has(block));
		let state: QuestionState = 'unresolved';
		for (const paragraph of body.flatMap(paragraphsOf)) {
			const text = normalizeText(toString(paragraph));
			const resolution = text.startsWith(`${keyword}:`) ? text.slice(keyword.length + 1).trim() : undefined;
			if (text.startsWith(marker) || (resolution !== undefined && resolution.includes(marker))) {
				state = 'not-yet-resolved';
				break;
			}
			if (resolution) {
				state = 'resolved';
			}
		}
		const last = body[body.length - 1];
		questions.push({ heading: node, text: headingText(node), state, bodyEnd: md.end(last ?? node) });
	});
	return questions;
}

function paragraphsOf(node: Nodes): Paragraph[] {
	if (node.type === 'paragraph') {
		return [node];
	}
	return 'children' in node && node.type !== 'heading' ? (node.children as Nodes[]).flatMap(paragraphsOf) : [];
}
