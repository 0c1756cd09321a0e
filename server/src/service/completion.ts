import type { TextDocument } from 'vscode-languageserver-textdocument';
import { CompletionItem, CompletionItemKind, InsertTextFormat, MarkupKind, Position, TextEdit } from 'vscode-languageserver-types';
import { lineEnding, lineStart } from './edits';
import type { DocOutline } from './outline';
import { presentSections } from './rules/missingSection';

/**
 * What can be typed at `position`, from the template: the missing sections on
 * a heading line, a question block in the questions section, a resolution
 * under a question, the missing metadata keys in the header.
 */
export function completions(document: TextDocument, doc: DocOutline, position: Position): CompletionItem[] {
	const text = document.getText();
	const offset = document.offsetAt(position);
	const from = lineStart(text, offset);
	const typed = text.slice(from, offset);
	const replace = (newText: string) => TextEdit.replace({ start: document.positionAt(from), end: position }, newText);
	const eol = lineEnding(text);

	if (/^ {0,3}#{1,2}(?:[ \t].*)?$/.test(typed)) {
		return missingSections(doc, replace);
	}
	const questions = doc.template.questions;
	if (questions && inQuestions(doc, offset)) {
		const items: CompletionItem[] = [];
		if (/^ {0,3}(?:#{0,3}|#{3}[ \t].*)$/.test(typed)) {
			items.push({
				label: '### Question',
				kind: CompletionItemKind.Snippet,
				detail: 'A question with its resolution',
				filterText: typed.trim() === '' ? 'Question' : `### Question`,
				insertTextFormat: InsertTextFormat.Snippet,
				textEdit: replace(`### \${1:Question}${eol}${eol}${questions.resolutionKeyword}: \${2:__${questions.notYetResolved}__}`),
			});
		}
		if (underQuestion(doc, offset) && !/^ {0,3}#/.test(typed)) {
			items.push(
				{
					label: `${questions.resolutionKeyword}:`,
					kind: CompletionItemKind.Keyword,
					detail: 'How the question was resolved',
					insertTextFormat: InsertTextFormat.Snippet,
					textEdit: replace(`${questions.resolutionKeyword}: \${0}`),
				},
				{
					label: `__${questions.notYetResolved}__`,
					kind: CompletionItemKind.Keyword,
					detail: 'Mark the question as open on purpose',
					textEdit: replace(`__${questions.notYetResolved}__`),
				},
			);
		}
		return items;
	}
	if (doc.title && offset > doc.md.end(doc.title) && offset <= doc.headerEnd && /^\s*(?:[*+-]\s*)?\S*$/.test(typed)) {
		return missingMetadata(doc, typed, replace);
	}
	return [];
}

function missingSections(doc: DocOutline, replace: (text: string) => TextEdit): CompletionItem[] {
	const present = presentSections(doc);
	return doc.template.sections.flatMap((section, index) =>
		present.has(index)
			? []
			: [
					{
						label: section.markdown,
						kind: CompletionItemKind.Module,
						detail: section.optional ? 'Optional section of the template' : 'Missing section of the template',
						documentation: section.guidance ? { kind: MarkupKind.Markdown, value: section.guidance } : undefined,
						sortText: String(index).padStart(3, '0'),
						filterText: section.markdown,
						textEdit: replace(section.markdown),
					},
				],
	);
}

function missingMetadata(doc: DocOutline, typed: string, replace: (text: string) => TextEdit): CompletionItem[] {
	const bullet = /^\s*([*+-])/.exec(typed)?.[1] ?? '*';
	return doc.template.metadata
		.filter((key) => !doc.metadata.some((item) => item.key === key))
		.map((key) => ({
			label: `${key.label}:`,
			kind: CompletionItemKind.Property,
			detail: `Header metadata, e.g. ${key.placeholder}`,
			filterText: `${bullet} ${key.label}:`,
			textEdit: replace(`${bullet} ${key.label}: `),
		}));
}

function inQuestions(doc: DocOutline, offset: number): boolean {
	const section = doc.sections.find((candidate) => candidate.template?.role === 'questions');
	return section !== undefined && offset > doc.md.end(section.heading) && offset <= section.end;
}

/** Inside a question's body: after its heading, before the next heading of any kind at its level or above. */
function underQuestion(doc: DocOutline, offset: number): boolean {
	return doc.questions.some((question, index) => {
		const next = doc.questions[index + 1];
		return offset > doc.md.end(question.heading) && (next === undefined || offset < doc.md.start(next.heading));
	});
}
