import { endLine, jsonArray, type ReportWriter } from './report';

const statusWords = { draft: 'Draft', 'open-questions': 'Open questions', ready: 'Ready for review' } as const;

/** The documented `--status --format json` shape; question lines are 1-based, like the text output's. */
export function statusJsonWriter(): ReportWriter {
	return endLine(
		jsonArray(({ file, status }) =>
			status
				? [
						{
							file,
							title: status.title,
							status: status.status,
							author: status.author,
							approver: status.approver,
							missingSections: status.missingSections,
							questions: status.questions.map((question) => ({ title: question.title, line: question.line + 1, state: question.state })),
						},
					]
				: [],
		),
	);
}

/**
 * A table: doc, status, open questions, missing sections, other problems; then
 * a count per status. Column widths need every row, so rows (a few strings a
 * doc) are kept until the end.
 */
export function statusTextWriter(): ReportWriter {
	const rows: string[][] = [];
	return {
		begin: () => '',
		doc({ file, status }) {
			if (status) {
				rows.push([
					file,
					statusWords[status.status],
					String(status.questions.filter((question) => question.state !== 'resolved').length),
					status.missingSections.join(', ') || '-',
					status.problems.filter((problem) => !problem.startsWith('missing:')).join(', ') || '-',
				]);
			}
			return '';
		},
		end() {
			const header = ['doc', 'status', 'open questions', 'missing sections', 'also'];
			const table = [header, ...rows];
			const widths = header.map((_, column) => Math.max(...table.map((row) => row[column]!.length)));
			const lines = table.map((row) => row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]!))).join('  '));
			const count = (words: string) => rows.filter((row) => row[1] === words).length;
			lines.push(`${rows.length} design doc${rows.length === 1 ? '' : 's'}: ${count(statusWords.draft)} draft, ${count(statusWords['open-questions'])} with open questions, ${count(statusWords.ready)} ready for review.`);
			return lines.map((line) => `${line}\n`).join('');
		},
	};
}
