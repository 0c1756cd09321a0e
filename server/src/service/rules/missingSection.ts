import { DiagnosticCode } from '../codes';
import { Finding, Rule, quote } from '../finding';
import type { DocOutline, DocSection } from '../outline';

/**
 * One finding per required template section that the doc lacks, placed by the
 * sections that are present. When the doc has exactly one section of its own
 * where exactly one required section is missing (`## FAQ` where the questions
 * go), that one is probably it under another name: the finding names it and
 * offers to rename it before offering an insert, which could duplicate it.
 */
export const missingSection: Rule = (doc) => {
	const present = presentSections(doc);
	const missing = (index: number) => !doc.template.sections[index]!.optional && !present.has(index);
	return doc.template.sections.flatMap((section, index): Finding[] => {
		if (!missing(index)) {
			return [];
		}
		const before = precedingPresent(present, index);
		const after = followingPresent(present, index);
		// Named by the doc's own headings, which the author can find; never by one that is itself missing.
		const where = before ? `after ${quote(`## ${before.text}`)}` : after ? `before ${quote(`## ${after.text}`)}` : 'after the header';
		// Shown on the heading it belongs next to, where the author will look for it.
		const heading = before?.heading ?? after?.heading;
		const { start, end } = heading ? { start: doc.md.start(heading), end: doc.md.end(heading) } : doc.anchor;
		const candidate = positionalCandidate(doc, before, after, missing);
		const candidateName = candidate && quote(`## ${candidate.text}`);
		const [renameStart, renameEnd] = candidate ? doc.md.headingTextRange(candidate.heading) : [0, 0];
		return [
			{
				code: DiagnosticCode.MissingSection,
				message: `Missing section ${quote(section.markdown)}: expected ${where}${candidate ? `; ${candidateName} may be it: rename it` : ''}.`,
				start,
				end,
				data: {
					code: DiagnosticCode.MissingSection,
					heading: section.markdown,
					guidance: section.guidance,
					insertAt: before ? before.end : after ? doc.md.start(after.heading) : doc.headerEnd,
					...(candidate ? { candidate: { start: renameStart, end: renameEnd, text: candidate.text, expected: section.heading } } : {}),
				},
				...(candidate
					? { related: [{ start: doc.md.start(candidate.heading), end: doc.md.end(candidate.heading), message: `${candidateName} may be the missing ${quote(section.markdown)}` }] }
					: {}),
			},
		];
	});
};

/**
 * The doc's one unmatched section between the present neighbours `before` and
 * `after`, when exactly one required section is missing there too.
 */
function positionalCandidate(
	doc: DocOutline,
	before: DocSection | undefined,
	after: DocSection | undefined,
	missing: (index: number) => boolean,
): DocSection | undefined {
	const from = before ? doc.md.start(before.heading) : -1;
	const to = after ? doc.md.start(after.heading) : Infinity;
	const first = before ? before.templateIndex + 1 : 0;
	const last = after ? after.templateIndex : doc.template.sections.length;
	let missingHere = 0;
	for (let index = first; index < last; index++) {
		missingHere += missing(index) ? 1 : 0;
	}
	const unmatched = doc.sections.filter((section) => !section.template && doc.md.start(section.heading) > from && doc.md.start(section.heading) < to);
	return missingHere === 1 && unmatched.length === 1 ? unmatched[0] : undefined;
}

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
