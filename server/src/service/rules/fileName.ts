import { DiagnosticCode } from '../codes';
import { Rule, quote } from '../finding';
import { docFileNamePattern, suggestedFileName } from '../names';

/** Docs sort by number in a folder listing only if every name follows the convention. */
export const fileName: Rule = (doc, context) => {
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
