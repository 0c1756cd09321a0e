import { nextFreeNumber } from './duplicateNumber';
import { slugify, titleProblem } from './names';
import type { TemplateModel } from './template';

/** A new doc's file name, or why the title cannot give one. */
export type NewDocName = { readonly fileName: string } | { readonly error: string };

/** `NN-title-in-lower-case-with-dashes.md` with `NN` the next free number among `existing`. */
export function newDocFileName(title: string, existing: readonly string[]): NewDocName {
	const problem = titleProblem(title);
	return problem ? { error: problem } : { fileName: `${nextFreeNumber(existing)}-${slugify(title)}.md` };
}

/** The template as a doc to write in: its own title replaced, the advice after it left out. */
export function newDocText(template: TemplateModel, title: string): string {
	const { text, titleStart, titleEnd } = template.skeleton;
	if (titleStart < 0) {
		return `# ${title.trim()}\n\n${text}`;
	}
	return text.slice(0, titleStart) + title.trim() + text.slice(titleEnd);
}
