import { Disposable, MarkdownString, StatusBarAlignment, StatusBarItem, window } from 'vscode';
import type { DocStatusReport } from '../../server/src/protocol';
import type { StatusStore } from './statusStore';
import { draftReasons, shortStatus, spokenStatus, statusLabel } from './statusWords';

const icons = { draft: '$(edit)', 'open-questions': '$(question)', ready: '$(pass)' } as const;

/** The active design doc's status, in the status bar; clicking reveals it in the Design Docs view. */
export class StatusBar implements Disposable {
	private readonly item: StatusBarItem;
	private readonly subscriptions: Disposable[];

	constructor(private readonly store: StatusStore) {
		this.item = window.createStatusBarItem('designDoc.status', StatusBarAlignment.Left, 50);
		this.item.name = 'Design Doc Status';
		this.item.command = 'designDoc.revealInTree';
		this.subscriptions = [store.onDidChange(() => this.update()), window.onDidChangeActiveTextEditor(() => this.update())];
		this.update();
	}

	private update(): void {
		const uri = window.activeTextEditor?.document.uri.toString();
		const report = uri ? this.store.find(uri) : undefined;
		if (!report) {
			this.item.hide();
			return;
		}
		this.item.text = `${icons[report.status]} ${shortStatus(report)}`;
		// Read instead of the text, whose icon names a screen reader would spell out.
		this.item.accessibilityInformation = { label: spokenStatus(report) };
		this.item.tooltip = tooltip(report);
		this.item.show();
	}

	dispose(): void {
		this.item.dispose();
		this.subscriptions.forEach((subscription) => subscription.dispose());
	}
}

function tooltip(report: DocStatusReport): MarkdownString {
	const tip = new MarkdownString();
	tip.appendText(`${report.title} — ${statusLabel[report.status]}\n\n`);
	const details = report.status === 'draft' ? draftReasons(report) : [report.description];
	for (const detail of details) {
		tip.appendText(`• ${detail}\n`);
	}
	tip.appendText('\nClick to show it in the Design Docs view.');
	return tip;
}
