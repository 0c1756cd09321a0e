import { DiagnosticCode } from './codes';
import type { Finding } from './finding';
import { headingText } from './markdown';
import type { DocOutline, QuestionState } from './outline';
import { presentSections } from './rules/missingSection';
import { isTitlePlaceholder, namesNobody } from './rules/placeholder';

export type ReviewStatus = 'draft' | 'open-questions' | 'ready';

export interface SectionStatus {
	/** As the template spells it, without the `#` marks: `Design`. */
	readonly heading: string;
	readonly present: boolean;
	/** 0-based line of the heading in the doc; for a missing section, the line where it belongs. */
	readonly line?: number;
}

export interface QuestionStatus {
	readonly title: string;
	/** 0-based line of the question's heading. */
	readonly line: number;
	readonly state: QuestionState;
}

/** Everything a reviewer wants to know about a doc at a glance. */
export interface DocStatus {
	readonly title: string;
	readonly status: ReviewStatus;
	readonly author: string | null;
	readonly approver: string | null;
	readonly sections: readonly SectionStatus[];
	/** Heading texts of the required sections the doc lacks: `Design`. */
	readonly missingSections: readonly string[];
	readonly questions: readonly QuestionStatus[];
	/** Why it is a draft, in words: "missing: Design", "placeholders left". Empty unless draft. */
	readonly problems: readonly string[];
}

/**
 * The review status of a doc from its outline and its findings (all rules,
 * whatever severities the user chose: hiding a squiggle does not finish a doc).
 *
 * @param lineAt converts an offset of the doc's text to its 0-based line.
 */
export function docStatus(doc: DocOutline, found: readonly Finding[], fallbackTitle: string, lineAt: (offset: number) => number): DocStatus {
	const present = presentSections(doc);
	const sections = doc.template.sections.map((section, index): SectionStatus => {
		const match = present.get(index);
		if (match) {
			return { heading: section.heading, present: true, line: lineAt(doc.md.start(match.heading)) };
		}
		// Where "Insert section" puts it: that is where the author goes to write it.
		const missing = found.find((finding) => finding.data?.code === DiagnosticCode.MissingSection && finding.data.heading === section.markdown);
		return missing?.data?.code === DiagnosticCode.MissingSection
			? { heading: section.heading, present: false, line: lineAt(missing.data.insertAt) }
			: { heading: section.heading, present: false };
	});
	const missingSections = doc.template.sections.filter((section, index) => !section.optional && !present.has(index)).map((section) => section.heading);
	const questions = doc.questions.map((question) => ({ title: question.text, line: lineAt(doc.md.start(question.heading)), state: question.state }));
	const empty = doc.sections.filter((section) => section.template && !section.template.optional && found.some((finding) => finding.code === DiagnosticCode.EmptySection && finding.start === doc.md.start(section.heading)));
	const problems = draftProblems(found, missingSections, empty.map((section) => section.template!.heading));
	const status: ReviewStatus =
		problems.length > 0 ? 'draft' : questions.some((question) => question.state !== 'resolved') ? 'open-questions' : 'ready';
	return {
		title: doc.title && !isTitlePlaceholder(doc) ? headingText(doc.title) || fallbackTitle : fallbackTitle,
		status,
		author: metadataValue(doc, /author|owner/),
		approver: metadataValue(doc, /approv|reviewer/),
		sections,
		missingSections,
		questions,
		problems,
	};
}

/** Why a doc is not yet what the template asks for, in words; empty when it is. */
function draftProblems(found: readonly Finding[], missingSections: readonly string[], emptySections: readonly string[]): string[] {
	const count = (code: DiagnosticCode) => found.filter((finding) => finding.code === code).length;
	const placeholders = count(DiagnosticCode.Placeholder);
	return [
		missingSections.length > 0 ? `missing: ${missingSections.join(', ')}` : '',
		// A required section with nothing in it is as unfinished as a missing one.
		emptySections.length > 0 ? `empty: ${emptySections.join(', ')}` : '',
		placeholders > 0 ? `${placeholders} placeholder${placeholders === 1 ? '' : 's'} left` : '',
		count(DiagnosticCode.TemplateText) > 0 ? 'template guidance left' : '',
		count(DiagnosticCode.MissingMetadata) > 0 ? 'metadata missing' : '',
	].filter(Boolean);
}

/** The value of the first metadata line whose key matches, without placeholders; null when unnamed. */
function metadataValue(doc: DocOutline, key: RegExp): string | null {
	const item = doc.metadata.find((candidate) => candidate.key && key.test(candidate.key.key));
	const value = item ? doc.md.text.slice(item.valueStart, item.valueEnd).replace(/\s+/g, ' ').trim() : '';
	return value && !/^\\?<[^<>]*\\?>$/.test(value) && !namesNobody(value) ? value : null;
}
