import { Disposable, StatusBarAlignment, StatusBarItem, window } from 'vscode';
import { statusLabel } from './designDocsTree';
import type { StatusStore } from './statusStore';

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
		const icon = { draft: '$(edit)', 'open-questions': '$(question)', ready: '$(pass)' }[report.status];
		this.item.text = `${icon} ${statusLabel[report.status]}: ${report.description}`;
		this.item.tooltip = `Design doc "${report.title}" is ${statusLabel[report.status].toLowerCase()}: ${report.description}. Click to show it in the Design Docs view.`;
		this.item.show();
	}

	dispose(): void {
		this.item.dispose();
		this.subscriptions.forEach((subscription) => subscription.dispose());
	}
}
