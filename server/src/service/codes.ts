/**
 * The stable diagnostic codes. They are public: users configure severities by
 * them, suppress them, and CI reads them from the CLI's output. Never rename one.
 */
export enum DiagnosticCode {
	/** A required section of the template is absent. */
	MissingSection = 'missing-section',
	/** A required section appears before a section the template puts ahead of it. */
	SectionOrder = 'section-order',
	/** A heading that is a near-variant of a template heading (case, punctuation, short form). */
	HeadingVariant = 'heading-variant',
	/** A template placeholder left in: the title, a `\<...\>` metadata value, a `### \<Question\>`. */
	Placeholder = 'placeholder',
	/** A paragraph, list or blockquote that repeats the template's own guidance. */
	TemplateText = 'template-text',
	/** A section with no content of its own. */
	EmptySection = 'empty-section',
	/** A metadata line written in another form than the template's: bold, another bullet, no bullet. */
	MetadataVariant = 'metadata-variant',
	/** A metadata line of the template's header (`Author(s)`, `Approver`) is absent or empty. */
	MissingMetadata = 'missing-metadata',
	/** A question with neither a resolution nor a Not Yet Resolved marker. */
	UnresolvedQuestion = 'unresolved-question',
	/** The file is not named `NN-lower-case-with-dashes.md`. */
	FileName = 'file-name',
	/** Two docs in one folder share their number `NN`. */
	DuplicateNumber = 'duplicate-number',
	/** The doc was too big or too slow to parse: only its section headings were checked. */
	ValidationSkipped = 'validation-skipped',
}

export const allCodes: readonly DiagnosticCode[] = Object.values(DiagnosticCode);

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/**
 * Missing structure blocks a review, so it is an error; an open question is the
 * normal state of a draft, so it is only information.
 */
export const defaultSeverity: Readonly<Record<DiagnosticCode, Severity>> = {
	[DiagnosticCode.MissingSection]: 'error',
	[DiagnosticCode.SectionOrder]: 'warning',
	[DiagnosticCode.HeadingVariant]: 'warning',
	[DiagnosticCode.Placeholder]: 'warning',
	[DiagnosticCode.TemplateText]: 'warning',
	[DiagnosticCode.EmptySection]: 'warning',
	[DiagnosticCode.MetadataVariant]: 'warning',
	[DiagnosticCode.MissingMetadata]: 'error',
	[DiagnosticCode.UnresolvedQuestion]: 'information',
	[DiagnosticCode.FileName]: 'warning',
	[DiagnosticCode.DuplicateNumber]: 'warning',
	[DiagnosticCode.ValidationSkipped]: 'information',
};

/** One line per code, used by the CLI's SARIF rules. */
export const codeDescription: Readonly<Record<DiagnosticCode, string>> = {
	[DiagnosticCode.MissingSection]: 'A required section of the template is absent.',
	[DiagnosticCode.SectionOrder]: 'A required section is out of the template order.',
	[DiagnosticCode.HeadingVariant]: 'A heading is a near-variant of a template heading.',
	[DiagnosticCode.Placeholder]: 'A template placeholder was left in.',
	[DiagnosticCode.TemplateText]: "The template's own guidance text was left in.",
	[DiagnosticCode.EmptySection]: 'A section has no content of its own.',
	[DiagnosticCode.MetadataVariant]: "A metadata line is written in another form than the template's.",
	[DiagnosticCode.MissingMetadata]: 'A metadata line of the header is missing or empty.',
	[DiagnosticCode.UnresolvedQuestion]: 'An open question has no resolution and is not marked Not Yet Resolved.',
	[DiagnosticCode.FileName]: 'The file name does not follow NN-lower-case-with-dashes.md.',
	[DiagnosticCode.DuplicateNumber]: 'Two design docs in one folder share their number.',
	[DiagnosticCode.ValidationSkipped]: 'The doc was too big or too slow to parse: only its section headings were checked.',
};

export function isDiagnosticCode(value: unknown): value is DiagnosticCode {
	return typeof value === 'string' && (allCodes as readonly string[]).includes(value);
}
