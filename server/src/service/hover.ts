import type { TextDocument } from 'vscode-languageserver-textdocument';
import { Hover, MarkupKind, Position } from 'vscode-languageserver-types';
import type { DocOutline } from './outline';

/** On a section heading: what the template asks that section to say. */
export function hover(document: TextDocument, doc: DocOutline, position: Position): Hover | undefined {
	const offset = document.offsetAt(position);
	const section = doc.sections.find((candidate) => offset >= doc.md.start(candidate.heading) && offset <= doc.md.end(candidate.heading));
	const template = section?.template;
	if (!section || !template) {
		return undefined;
	}
	const guidance = template.guidance || '_The template gives no guidance for this section._';
	return {
		contents: { kind: MarkupKind.Markdown, value: `**${template.markdown}**${template.optional ? ' (optional)' : ''}\n\n${guidance}\n\n_From ${doc.template.source}._` },
		range: { start: document.positionAt(doc.md.start(section.heading)), end: document.positionAt(doc.md.end(section.heading)) },
	};
}
