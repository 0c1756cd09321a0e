// How the client words a doc's review status: short for the status bar, a sentence for
// screen readers, details for tooltips. No `vscode` import, so unit tests check the words.
import type { DocStatusReport } from '../../server/src/protocol';
import type { ReviewStatus } from '../../server/src/service/status';

export const statusLabel: Readonly<Record<ReviewStatus, string>> = {
	draft: 'Draft',
	'open-questions': 'Open questions',
	ready: 'Ready for review',
};

/** `Draft · 3 missing`, `Open questions · 2`, `Ready for review`: what fits in the status bar. */
export function shortStatus(report: DocStatusReport): string {
	const detail = shortDetail(report);
	return detail ? `${statusLabel[report.status]} · ${detail}` : statusLabel[report.status];
}

function shortDetail(report: DocStatusReport): string {
	switch (report.status) {
		case 'draft':
			// The first reason without its particulars: "2 placeholders left", "not fully checked".
			return report.missingSections.length > 0 ? `${report.missingSections.length} missing` : (report.problems[0]?.split(':')[0] ?? '');
		case 'open-questions':
			return String(openQuestions(report));
		case 'ready':
			return '';
	}
}

/** One plain sentence, no icon names, for the status bar's accessibility label. */
export function spokenStatus(report: DocStatusReport): string {
	switch (report.status) {
		case 'draft':
			return `${report.title} is a draft: ${draftReasons(report).join('; ')}.`;
		case 'open-questions': {
			const open = openQuestions(report);
			return `${report.title} has ${open} open question${open === 1 ? '' : 's'}.`;
		}
		case 'ready':
			return `${report.title} is ready for review.`;
	}
}

/** Why a doc is a draft, each reason in words a sentence can hold. */
export function draftReasons(report: DocStatusReport): string[] {
	const missing = report.missingSections;
	const sections = missing.length === 1 ? `section ${missing[0]} is missing` : `${missing.length} sections are missing: ${missing.join(', ')}`;
	return [...(missing.length > 0 ? [sections] : []), ...report.problems.filter((problem) => !problem.startsWith('missing:'))];
}

function openQuestions(report: DocStatusReport): number {
	return report.questions.filter((question) => question.state !== 'resolved').length;
}
