import { DiagnosticCode } from '../codes';
import { Rule, quote } from '../finding';
import type { DocOutline, DocSection } from '../outline';

/** One finding per required template section that the doc lacks. */
export const missingSection: Rule = (doc) => {
	const present = presentSections(doc);
	return doc.template.sections.flatMap((section, index) => {
		if (section.optional || present.has(index)) {
			return [];
		}
		const before = precedingPresent(present, index);
		const after = followingPresent(present, index);
		// Named by the template's order, which stays true as the author adds the other missing sections.
		const previous = doc.template.sections[index - 1];
		const next = doc.template.sections[index + 1];
		const where = previous ? `after ${quote(previous.markdown)}` : next ? `before ${quote(next.markdown)}` : 'after the header';
		// Shown on the heading it belongs next to, where the author will look for it.
		const heading = before?.heading ?? after?.heading;
		const { start, end } = heading ? { start: doc.md.start(heading), end: doc.md.end(heading) } : doc.anchor;
		return [
			{
				code: DiagnosticCode.MissingSection,
				message: `Missing section ${quote(section.markdown)}: expected ${where}.`,
				start,
				end,
				data: {
					code: DiagnosticCode.MissingSection,
					heading: section.markdown,
					guidance: section.guidance,
					insertAt: before ? before.end : after ? doc.md.start(after.heading) : doc.headerEnd,
				},
			},
		];
	});
};

/** Template index → the first doc section standing for it. */
export function presentSections(doc: DocOutline): Map<number, DocSection> {
	const present = new Map<number, DocSection>();
	for (const section of doc.sections) {
		if (section.template && !present.has(section.templateIndex)) {
			present.set(section.templateIndex, section);
		}
	}
	return present;
}

function precedingPresent(present: Map<number, DocSection>, index: number): DocSection | undefined {
	for (let candidate = index - 1; candidate >= 0; candidate--) {
		const section = present.get(candidate);
		if (section) {
			return section;
		}
	}
	return undefined;
}

function followingPresent(present: Map<number, DocSection>, index: number): DocSection | undefined {
	return [...present.entries()].filter(([candidate]) => candidate > index).sort(([a], [b]) => a - b)[0]?.[1];
}
