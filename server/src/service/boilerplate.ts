import type { RootContent } from 'mdast';
import { blockText, isComment } from './markdown';

/**
 * What a template means to be kept as it is, rather than replaced by the
 * author's own text: a doc that has it has not left guidance in.
 *
 * - A block right after a `<!-- keep -->` comment.
 * - In a template that keeps its guidance in HTML comments (Kubernetes KEPs),
 *   every visible block: it is what each doc should carry (a checklist), and
 *   the comments are the guidance.
 */
export function boilerplateOf(nodes: readonly RootContent[], sectionBodies: readonly (readonly RootContent[])[], minWords: number): (node: RootContent) => boolean {
	const kept = new Set<RootContent>();
	nodes.forEach((node, index) => {
		const next = nodes[index + 1];
		if (next && isComment(node) && /^\s*<!--\s*keep\s*-->\s*$/i.test((node as { value: string }).value)) {
			kept.add(next);
		}
	});
	const commented = keepsGuidanceInComments(sectionBodies, minWords);
	return (node) => kept.has(node) || (commented && !isComment(node));
}

/**
 * True when at least as many sections explain themselves in comments as in
 * visible text, and some do: then the visible text is not guidance.
 */
function keepsGuidanceInComments(sectionBodies: readonly (readonly RootContent[])[], minWords: number): boolean {
	const inComments = sectionBodies.filter((body) => body.some((node) => commentGuidance(node, minWords) !== undefined)).length;
	const visible = sectionBodies.filter((body) =>
		body.some((node) => (node.type === 'paragraph' || node.type === 'list' || node.type === 'blockquote') && words(blockText(node)) >= minWords),
	).length;
	return inComments > 0 && inComments >= visible;
}

/** The text of a comment that says something (`<!-- optional -->` and `<!-- toc -->` do not), or undefined. */
export function commentGuidance(node: RootContent, minWords: number): string | undefined {
	if (!isComment(node)) {
		return undefined;
	}
	const text = (node as { value: string }).value.replace(/^\s*<!--/, '').replace(/-->\s*$/, '').trim();
	return words(text) >= minWords ? text : undefined;
}

function words(text: string): number {
	return text.split(/\s+/).filter(Boolean).length;
}
