import type { Nodes } from 'mdast';
import { DiagnosticCode } from '../codes';
import { Rule, quote } from '../finding';
import { isComment } from '../markdown';

/**
 * A section with nothing a reader would read: comments and leftover template
 * guidance do not count, and neither do bare subheadings, except in the
 * questions and approaches sections, where a `###` question is content.
 */
export const emptySection: Rule = (doc) => {
	const ignored = new Set<Nodes>([...doc.leftovers.map((leftover) => leftover.node), ...doc.placeholderHeadings]);
	return doc.sections
		.filter((section) => {
			const headingsCount = section.template?.role !== undefined;
			return !section.body.some(
				(node) => !ignored.has(node) && !isComment(node) && (node.type !== 'heading' || headingsCount),
			);
		})
		.map((section) => ({
			code: DiagnosticCode.EmptySection,
			message: `Section ${quote(`## ${section.text}`)} is empty: expected text of its own under the heading.`,
			start: doc.md.start(section.heading),
			end: doc.md.end(section.heading),
			data: { code: DiagnosticCode.EmptySection },
		}));
};
