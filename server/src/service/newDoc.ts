import { nextFreeNumber } from './duplicateNumber';
import { sectionLines } from './fixes';
import { slugify, titleProblem } from './names';
import type { TemplateModel } from './template';

/** A new doc's file name, or why the title cannot give one. */
export type NewDocName = { readonly fileName: string } | { readonly error: string };

/** `NN-title-in-lower-case-with-dashes.md` with `NN` the next free number among `existing`. */
export function newDocFileName(title: string, existing: readonly string[]): NewDocName {
	const problem = titleProblem(title);
	return problem ? { error: problem } : { fileName: `${nextFreeNumber(existing)}-${slugify(title)}.md` };
}

/**
 * A doc to start writing in, built from the template's model: the title set,
 * the metadata lines with their placeholders to fill in, and every section
 * with the template's guidance as a comment (as "Insert section" does), so
 * nothing in it is leftover template text.
 */
export function newDocText(template: TemplateModel, title: string): string {
	const lines = [`# ${title.trim()}`, ''];
	if (template.metadata.length > 0) {
		lines.push(...template.metadata.map((key) => `${key.form}${key.placeholder}`), '');
	}
	for (const section of template.sections) {
		lines.push(...sectionLines(section.markdown, section.guidance), '');
	}
	return `${lines.join('\n').trimEnd()}\n`;
}
