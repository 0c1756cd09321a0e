import { DiagnosticCode } from '../codes';
import { Finding, Rule, quote } from '../finding';
import type { DocOutline } from '../outline';
import { docFileNamePattern, docFolderNamePattern, suggestedFileName } from '../names';

/** Docs sort by number in a folder listing only if every name follows the convention. */
export const fileName: Rule = (doc, context) => {
	if (context.folderName !== undefined) {
		return folderName(doc, context.folderName);
	}
	if (context.fileName === undefined || docFileNamePattern.test(context.fileName)) {
		return [];
	}
	const suggested = suggestedFileName(context.fileName);
	return [
		{
			code: DiagnosticCode.FileName,
			message: `File name ${quote(context.fileName)} does not follow ${quote('NN-lower-case-with-dashes.md')}${suggested ? `: expected a name like ${quote(suggested)}` : ''}.`,
			...doc.anchor,
			data: { code: DiagnosticCode.FileName, ...(suggested ? { suggested } : {}) },
		},
	];
};

/** A doc that is its folder's index: the folder's name is the one that must follow the convention (no rename offered: it is a folder). */
function folderName(doc: DocOutline, name: string): Finding[] {
	return docFolderNamePattern.test(name)
		? []
		: [
				{
					code: DiagnosticCode.FileName,
					message: `Folder name ${quote(name)} does not follow ${quote('NN-lower-case-with-dashes')}.`,
					...doc.anchor,
					data: { code: DiagnosticCode.FileName },
				},
			];
}
