import { CodeAction, CodeActionKind, Range, Uri, commands, window, workspace } from 'vscode';
import type { DocStatusReport } from '../../server/src/protocol';
import type { SectionStatus } from '../../server/src/service/status';

/**
 * The Design Docs view's Insert on a missing section: the doc's own "Insert section" quick
 * fix, asked of the server as the light bulb would, so both write the same text and leave
 * the cursor in the new section.
 */
export async function insertSection(report: DocStatusReport, section: SectionStatus): Promise<void> {
	const editor = await window.showTextDocument(Uri.parse(report.uri), { preview: false });
	const { document } = editor;
	const whole = new Range(0, 0, document.lineCount, 0);
	const actions = (await commands.executeCommand<CodeAction[]>('vscode.executeCodeActionProvider', document.uri, whole, CodeActionKind.QuickFix.value)) ?? [];
	const insert = actions.find((action) => action.title.startsWith('Insert section') && action.title.includes(`## ${section.heading}`));
	if (!insert) {
		void window.showInformationMessage(`Design Doc: ${report.title} has a "## ${section.heading}" section now.`);
		return;
	}
	if (insert.edit) {
		await workspace.applyEdit(insert.edit);
	}
	if (insert.command) {
		await commands.executeCommand(insert.command.command, ...(insert.command.arguments ?? []));
	}
}
