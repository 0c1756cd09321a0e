import type { DocStatus } from './status';

/** "2 open questions", "missing: Design", "ready": the one-line summary the tree and status bar show. */
export function describeStatus(status: DocStatus): string {
	if (status.status === 'draft') {
		return status.problems.join(' · ');
	}
	const open = status.questions.filter((question) => question.state !== 'resolved').length;
	if (status.status === 'open-questions') {
		return `${open} open question${open === 1 ? '' : 's'}`;
	}
	const total = status.questions.length;
	return total ? `${total} question${total === 1 ? '' : 's'} resolved` : 'complete';
}
