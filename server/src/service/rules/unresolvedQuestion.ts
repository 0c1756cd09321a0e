import { DiagnosticCode } from '../codes';
import { Rule, quote } from '../finding';

/** A question needs an answer or an explicit "not yet": silence hides it from reviewers. */
export const unresolvedQuestion: Rule = (doc) => {
	const convention = doc.template.questions;
	if (!convention) {
		return [];
	}
	return doc.questions
		.filter((question) => question.state === 'unresolved')
		.map((question) => {
			const [start, end] = doc.md.headingTextRange(question.heading);
			return {
				code: DiagnosticCode.UnresolvedQuestion,
				message: `Question ${quote(question.text)} has no resolution: expected ${quote(`${convention.resolutionKeyword}: …`)} or ${quote(`__${convention.notYetResolved}__`)} under it.`,
				start,
				end,
				data: { code: DiagnosticCode.UnresolvedQuestion, insertAt: question.bodyEnd },
			};
		});
};
