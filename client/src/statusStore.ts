import { Disposable, EventEmitter } from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { type DocStatusReport, refreshRequest, statusesChangedNotification, statusesRequest } from '../../server/src/protocol';

/** The client's copy of every doc's status, fetched from the server whenever it says they changed. */
export class StatusStore implements Disposable {
	private reports: readonly DocStatusReport[] = [];
	private readonly changed = new EventEmitter<void>();
	readonly onDidChange = this.changed.event;
	private readonly subscription: Disposable;

	constructor(private readonly client: BaseLanguageClient) {
		this.subscription = client.onNotification(statusesChangedNotification, () => void this.fetch());
	}

	get all(): readonly DocStatusReport[] {
		return this.reports;
	}

	find(uri: string): DocStatusReport | undefined {
		return this.reports.find((report) => report.uri === uri);
	}

	async fetch(): Promise<void> {
		this.reports = await this.client.sendRequest(statusesRequest);
		this.changed.fire();
	}

	/** Ask the server to read every doc again (after changes it could not see). */
	async refresh(): Promise<void> {
		await this.client.sendRequest(refreshRequest);
		await this.fetch();
	}

	dispose(): void {
		this.subscription.dispose();
		this.changed.dispose();
	}
}
