import type { Heading, List, Paragraph, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { ParsedMarkdown, blockText, headingText, isComment, isHeading, isPlaceholderText, normalizeText, parseMarkdown } from './markdown';
import { boilerplateOf, commentGuidance } from './boilerplate';
import { quote } from './finding';
import { metadataLines } from './metadata';
import { compactKey } from './names';

/** A metadata line of the template's header list, e.g. `* Approver: \<kpt-maintainer\>`. */
export interface TemplateMetadataKey {
	/** As the template spells it: `Author(s)`. */
	readonly label: string;
	/** Compared form: `author`. */
	readonly key: string;
	/** The template's value, as written: `\<kpt-maintainer\>`. */
	readonly placeholder: string;
	/** The line up to its value, as the template writes it: `* Author(s): `. New lines are written so. */
	readonly form: string;
	/** `form` without its words (see `shapeOf`): a doc's line of another shape is a variant. */
	readonly shape: string;
}

export type SectionRole = 'questions' | 'approaches';

export interface TemplateSection {
	/** Heading text as a reader sees it: `Open Issues/Questions`. */
	readonly heading: string;
	/** The heading as Markdown: `## Open Issues/Questions`. */
	readonly markdown: string;
	/** The guidance under the heading, as Markdown. */
	readonly guidance: string;
	readonly optional: boolean;
	readonly role?: SectionRole;
}

/** How the template marks a question's outcome. */
export interface QuestionConvention {
	/** The word that opens a resolution line: `Resolution`. */
	readonly resolutionKeyword: string;
	/** The marker of a question left open on purpose: `Not Yet Resolved` (written `__Not Yet Resolved__`). */
	readonly notYetResolved: string;
}

export interface TemplateModel {
	/** Where the template came from, for messages. */
	readonly source: string;
	/** The title placeholder (`Title`), or undefined if the template has no `#` title. */
	readonly title: string | undefined;
	readonly metadata: readonly TemplateMetadataKey[];
	/** Required and optional sections in template order. */
	readonly sections: readonly TemplateSection[];
	/** Normalised guidance text → where the template has it, for messages: `"## Why"`, `the template's header`. */
	readonly guidance: ReadonlyMap<string, string>;
	/** Normalised texts of placeholder headings: `<question>`, `<approach>`. */
	readonly placeholderHeadings: ReadonlySet<string>;
	readonly questions: QuestionConvention | undefined;
}

/** Guidance shorter than this is too common a phrase to call a leftover ("None."). */
const minGuidanceWords = 3;

/**
 * Reads a template into the model every rule works from. The shape is taken
 * from the template alone; nothing here knows kpt's headings.
 */
export function parseTemplate(text: string, source: string): TemplateModel {
	const md = parseMarkdown(text);
	const nodes = md.root.children;
	const titleIndex = nodes.findIndex((node) => isHeading(node, 1));
	const title = titleIndex >= 0 ? headingText(nodes[titleIndex] as Heading) : undefined;
	// The document proper runs from the title to the next `#` heading; what
	// follows (kpt's "# Review Process") is advice to authors, not a section.
	const scopeEnd = nextIndex(nodes, titleIndex + 1, (node) => node.type === 'heading' && node.depth === 1);
	const firstSection = nextIndex(nodes, titleIndex + 1, (node) => isHeading(node, 2));
	const headerEnd = Math.min(scopeEnd, firstSection);

	const sectionStarts = nodes.flatMap((node, index) => (index >= firstSection && index < scopeEnd && isHeading(node, 2) ? [index] : []));
	const sectionBodies = sectionStarts.map((start, position) => nodes.slice(start + 1, sectionStarts[position + 1] ?? scopeEnd));
	const boilerplate = boilerplateOf(nodes, sectionBodies, minGuidanceWords);
	const guidance = new Map<string, string>();
	const placeholderHeadings = new Set<string>();
	const metadata: TemplateMetadataKey[] = [];
	for (const node of nodes.slice(titleIndex + 1, headerEnd)) {
		if (node.type === 'list') {
			metadata.push(...metadataKeys(md, node));
		} else if (!boilerplate(node)) {
			addGuidance(guidance, node, "the template's header");
		}
	}

	const sections: TemplateSection[] = [];
	let questions: QuestionConvention | undefined;
	sectionStarts.forEach((index, position) => {
		const heading = nodes[index] as Heading;
		const body = sectionBodies[position]!;
		const convention = questionConvention(body);
		const hasPlaceholderSubsection = body.some((node) => isHeading(node) && node.depth > 2 && isPlaceholderText(headingText(node)));
		const rawHeading = headingText(heading);
		const optional = /\(optional\)$/i.test(rawHeading) || (body[0] !== undefined && isOptionalMarker(body[0]));
		const name = rawHeading.replace(/\s*\(optional\)$/i, '');
		const section: TemplateSection = {
			heading: name,
			markdown: `${'#'.repeat(heading.depth)} ${name}`,
			guidance: guidanceMarkdown(md, body, boilerplate),
			optional,
			...(convention && !questions ? { role: 'questions' as const } : hasPlaceholderSubsection ? { role: 'approaches' as const } : {}),
		};
		if (convention && !questions) {
			questions = convention;
		}
		sections.push(section);
		addSectionGuidance(guidance, placeholderHeadings, body.filter((node) => !boilerplate(node) || isHeading(node)), section);
	});
	let trailing = 'the template';
	for (const node of nodes.slice(scopeEnd)) {
		if (isHeading(node)) {
			trailing = quote(`${'#'.repeat(node.depth)} ${headingText(node)}`);
		} else if (!boilerplate(node)) {
			addGuidance(guidance, node, trailing);
		}
	}
	return { source, title, metadata, sections, guidance, placeholderHeadings, questions };
}

function nextIndex(nodes: readonly RootContent[], from: number, test: (node: RootContent) => boolean): number {
	for (let index = Math.max(from, 0); index < nodes.length; index++) {
		if (test(nodes[index]!)) {
			return index;
		}
	}
	return nodes.length;
}

function metadataKeys(md: ParsedMarkdown, list: List): TemplateMetadataKey[] {
	return metadataLines(md, [list], () => false).map((line) => ({
		label: line.label,
		key: compactKey(line.label),
		placeholder: md.text.slice(line.valueStart, line.valueEnd),
		form: `${md.text.slice(line.start, line.valueStart).replace(/\s+/g, ' ').trim()} `,
		shape: line.shape,
	}));
}

function isOptionalMarker(node: RootContent): boolean {
	return isComment(node) && /^\s*<!--\s*optional\s*-->\s*$/i.test((node as { value: string }).value);
}

/**
 * A questions section shows by example how a question is answered: a
 * placeholder `###` heading followed by a `Keyword: …` paragraph.
 */
function questionConvention(body: readonly RootContent[]): QuestionConvention | undefined {
	for (let index = 0; index + 1 < body.length; index++) {
		const heading = body[index]!;
		const next = body[index + 1]!;
		if (!isHeading(heading) || heading.depth <= 2 || next.type !== 'paragraph') {
			continue;
		}
		const keyword = /^\s*([\p{L}][\p{L} ]*?)\s*:/u.exec(toString(next))?.[1];
		if (keyword) {
			return { resolutionKeyword: keyword, notYetResolved: emphasisedText(next) ?? 'Not Yet Resolved' };
		}
	}
	return undefined;
}

function emphasisedText(paragraph: Paragraph): string | undefined {
	const strong = paragraph.children.find((child) => child.type === 'strong' || child.type === 'emphasis');
	return strong ? toString(strong).trim() : undefined;
}

function addSectionGuidance(
	guidance: Map<string, string>,
	placeholderHeadings: Set<string>,
	body: readonly RootContent[],
	section: TemplateSection,
): void {
	const prose = body.filter((node) => !isHeading(node) && !isComment(node));
	for (const node of prose) {
		addGuidance(guidance, node, quote(section.markdown));
	}
	// A doc that pasted the whole section's guidance as one quote matches this (bare subheadings are no guidance).
	if (prose.length > 0) {
		addGuidanceText(guidance, body.filter((node) => !isComment(node)).map(blockText).join(' '), quote(section.markdown));
	}
	for (const node of body) {
		if (isHeading(node) && isPlaceholderText(headingText(node))) {
			placeholderHeadings.add(normalizeText(headingText(node)));
		}
	}
}

function addGuidance(guidance: Map<string, string>, node: RootContent, origin: string): void {
	if (node.type !== 'paragraph' && node.type !== 'blockquote' && node.type !== 'list') {
		return;
	}
	addGuidanceText(guidance, blockText(node), origin);
	if (node.type === 'blockquote') {
		for (const child of node.children) {
			addGuidance(guidance, child, origin);
		}
	}
}

function addGuidanceText(guidance: Map<string, string>, text: string, origin: string): void {
	const normalized = normalizeText(text);
	if (normalized.split(' ').length >= minGuidanceWords && !guidance.has(normalized)) {
		guidance.set(normalized, origin);
	}
}

/**
 * The guidance under a section heading, as Markdown: what hover shows and
 * "Insert section" writes as a comment. In a template that keeps its guidance
 * in comments, those comments' text; else the blocks from the first that is
 * not a comment, without the boilerplate to keep.
 */
function guidanceMarkdown(md: ParsedMarkdown, body: readonly RootContent[], boilerplate: (node: RootContent) => boolean): string {
	const visible = body.filter((node) => !isComment(node));
	if (visible.every(boilerplate)) {
		return body.flatMap((node) => commentGuidance(node, minGuidanceWords) ?? []).join('\n\n');
	}
	if (visible.some(boilerplate)) {
		return visible
			.filter((node) => !boilerplate(node))
			.map((node) => md.source(node))
			.join('\n\n');
	}
	return md.text.slice(md.start(visible[0]!), md.end(body[body.length - 1]!)).trim();
}
