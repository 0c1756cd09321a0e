import { DiagnosticCode } from '../codes';
import { Rule, quote } from '../finding';
import type { DocSection } from '../outline';
import { presentSections } from './missingSection';

/**
 * The sections that must move are those outside the longest run already in
 * template order: moving fewest sections is what an author would do.
 */
export const sectionOrder: Rule = (doc) => {
	const present = [...presentSections(doc).values()].sort((a, b) => doc.md.start(a.heading) - doc.md.start(b.heading));
	const inOrder = longestIncreasing(present);
	return present
		.filter((section) => !inOrder.has(section))
		.map((section) => {
			const anchors = [...inOrder].sort((a, b) => a.templateIndex - b.templateIndex);
			const after = anchors.filter((other) => other.templateIndex < section.templateIndex).pop();
			const before = anchors.find((other) => other.templateIndex > section.templateIndex);
			const where = after ? `after ${quote(after.template!.markdown)}` : `before ${quote(before!.template!.markdown)}`;
			return {
				code: DiagnosticCode.SectionOrder,
				message: `Section ${quote(section.template!.markdown)} is out of template order: expected ${where}.`,
				start: doc.md.start(section.heading),
				end: doc.md.end(section.heading),
				data: { code: DiagnosticCode.SectionOrder, moveTo: after ? after.end : doc.md.start(before!.heading), sectionEnd: section.end },
			};
		});
};

/** Longest strictly increasing subsequence by template index (patience sorting). */
function longestIncreasing(sections: readonly DocSection[]): Set<DocSection> {
	const tails: number[] = [];
	const previous: number[] = [];
	sections.forEach((section, index) => {
		let low = 0;
		let high = tails.length;
		while (low < high) {
			const middle = (low + high) >> 1;
			if (sections[tails[middle]!]!.templateIndex < section.templateIndex) {
				low = middle + 1;
			} else {
				high = middle;
			}
		}
		previous[index] = low > 0 ? tails[low - 1]! : -1;
		tails[low] = index;
	});
	const kept = new Set<DocSection>();
	for (let index = tails.length ? tails[tails.length - 1]! : -1; index >= 0; index = previous[index]!) {
		kept.add(sections[index]!);
	}
	return kept;
}
