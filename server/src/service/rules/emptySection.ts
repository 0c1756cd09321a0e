import type { Nodes, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { DiagnosticCode } from '../codes';
import { Rule, quote } from '../finding';
import { isComment } from '../markdown';

/**
 * A section with nothing a reader would read: comments, link-reference anchors
 * (`[prior-art]: #prior-art`), a bare `TBD` and leftover template guidance do
 * not count, and neither do bare subheadings, except in the questions and
 * approaches sections, where a `###` question is content. An optional section
 * left empty is better removed: that is offered; a required one must be written.
 */
export const emptySection: Rule = (doc) => {
	const ignored = new Set<Nodes>([...doc.leftovers.flatMap((leftover) => leftover.nodes), ...doc.placeholderHeadings]);
	return doc.sections
		.filter((section) => {
			const headingsCount = section.template?.role !== undefined;
			return !section.body.some((node) => !ignored.has(node) && !isFiller(node) && (node.type !== 'heading' || headingsCount));
		})
		.map((section) => {
			const name = quote(`## ${section.text}`);
			const optional = section.template?.optional === true;
			return {
				code: DiagnosticCode.EmptySection,
				message: optional
					? `Optional section ${name} is empty: remove it, or write it.`
					: `Section ${name} is empty: expected text of its own under the heading.`,
				start: doc.md.start(section.heading),
				end: doc.md.end(section.heading),
				data: { code: DiagnosticCode.EmptySection, ...(optional ? { remove: { start: doc.md.start(section.heading), end: section.end } } : {}) },
			};
		});
};

/** What a template puts in a section for the author to replace: never content. */
function isFiller(node: RootContent): boolean {
	return isComment(node) || node.type === 'definition' || (node.type === 'paragraph' && /^(?:tb[da]|todo|wip|tk)\W*$/i.test(toString(node).trim()));
}
