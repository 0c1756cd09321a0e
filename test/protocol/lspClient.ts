import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
	ClientCapabilities,
	ConfigurationRequest,
	DidChangeTextDocumentNotification,
	DidCloseTextDocumentNotification,
	DidOpenTextDocumentNotification,
	ExitNotification,
	InitializeRequest,
	InitializedNotification,
	LogMessageNotification,
	ProtocolConnection,
	PublishDiagnosticsNotification,
	PublishDiagnosticsParams,
	Registration,
	RegistrationRequest,
	ShowMessageNotification,
	ShutdownRequest,
	StreamMessageReader,
	StreamMessageWriter,
	Unregistration,
	UnregistrationRequest,
	DiagnosticRefreshRequest,
	createProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import { statusesChangedNotification } from '../../server/src/protocol';
import { root } from '../helpers';

/**
 * The bundled server in its own process, spoken to over stdio as any editor
 * would. Diagnostics are queued per URI so tests await them instead of sleeping.
 */
export class LspClient {
	readonly connection: ProtocolConnection;
	private readonly process: ChildProcess;
	private readonly published: PublishDiagnosticsParams[] = [];
	private readonly waiters: Array<() => void> = [];
	private readonly notifications: string[] = [];
	/** Every window/showMessage and window/logMessage text, in order. */
	readonly messages: string[] = [];
	/** The window/showMessage texts alone: what a person sees pop up. */
	readonly shown: string[] = [];
	private readonly exited: Promise<number | null>;
	stderr = '';
	/** Capabilities the server registered and unregistered, in order. */
	readonly registrations: Registration[] = [];
	readonly unregistrations: Unregistration[] = [];
	/** `workspace/diagnostic/refresh` requests so far. */
	refreshes = 0;

	constructor(options: { configuration?: (section: string | undefined, scopeUri: string | undefined) => unknown } = {}) {
		this.process = spawn(process.execPath, [join(root, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
		this.process.stderr!.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
		this.exited = new Promise((resolve) => this.process.once('exit', (code) => resolve(code)));
		this.connection = createProtocolConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
		this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
			this.published.push(params);
			this.waiters.splice(0).forEach((wake) => wake());
		});
		for (const type of [ShowMessageNotification.type, LogMessageNotification.type]) {
			this.connection.onNotification(type, ({ message }) => {
				this.messages.push(message);
				if (type === ShowMessageNotification.type) {
					this.shown.push(message);
				}
				this.waiters.splice(0).forEach((wake) => wake());
			});
		}
		this.connection.onRequest(RegistrationRequest.type, ({ registrations }) => {
			this.registrations.push(...registrations);
			this.waiters.splice(0).forEach((wake) => wake());
			return null;
		});
		this.connection.onRequest(UnregistrationRequest.type, ({ unregisterations }) => {
			this.unregistrations.push(...unregisterations);
			this.waiters.splice(0).forEach((wake) => wake());
			return null;
		});
		this.connection.onRequest(DiagnosticRefreshRequest.type, () => {
			this.refreshes++;
			this.waiters.splice(0).forEach((wake) => wake());
			return null;
		});
		for (const method of [statusesChangedNotification.method]) {
			this.connection.onNotification(method, () => {
				this.notifications.push(method);
				this.waiters.splice(0).forEach((wake) => wake());
			});
		}
		if (options.configuration) {
			const answer = options.configuration;
			this.connection.onRequest(ConfigurationRequest.type, (params) => params.items.map((item) => answer(item.section, item.scopeUri)));
		}
		this.connection.listen();
	}

	async initialize(
		options: { configuration?: boolean; rootUri?: string | null; capabilities?: ClientCapabilities; initializationOptions?: unknown } = {},
	): Promise<void> {
		const { workspace, ...capabilities } = options.capabilities ?? {};
		await this.connection.sendRequest(InitializeRequest.type, {
			processId: process.pid,
			rootUri: options.rootUri ?? null,
			workspaceFolders: options.rootUri ? [{ uri: options.rootUri, name: 'workspace' }] : null,
			capabilities: { ...capabilities, workspace: { ...workspace, configuration: options.configuration ?? false } },
			initializationOptions: options.initializationOptions,
		});
		await this.connection.sendNotification(InitializedNotification.type, {});
	}

	open(uri: string, text: string, version = 1): Promise<void> {
		return this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
			textDocument: { uri, languageId: 'markdown', version, text },
		});
	}

	/** Replace the whole text (an incremental change over the full range would be the same to the server). */
	change(uri: string, version: number, text: string): Promise<void> {
		return this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
			textDocument: { uri, version },
			contentChanges: [{ text }],
		});
	}

	close(uri: string): Promise<void> {
		return this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
	}

	/** Every publication for `uri` so far, oldest first. */
	publications(uri: string): PublishDiagnosticsParams[] {
		return this.published.filter((params) => params.uri === uri);
	}

	/** Resolves with the `count`-th publication for `uri` (1-based), as soon as it arrives. */
	async diagnostics(uri: string, count = 1): Promise<PublishDiagnosticsParams> {
		for (;;) {
			const found = this.publications(uri);
			if (found.length >= count) {
				return found[count - 1]!;
			}
			await new Promise<void>((wake) => this.waiters.push(wake));
		}
	}

	/** Resolves when `test` holds, checked after each message from the server. */
	async until(test: () => boolean): Promise<void> {
		while (!test()) {
			await new Promise<void>((wake) => this.waiters.push(wake));
		}
	}

	/** Resolves when the `count`-th notification of `method` (1-based, counted from the start) has arrived. */
	async notification(method: string, count = 1): Promise<void> {
		while (this.notifications.filter((name) => name === method).length < count) {
			await new Promise<void>((wake) => this.waiters.push(wake));
		}
	}

	notificationCount(method: string): number {
		return this.notifications.filter((name) => name === method).length;
	}

	/** Resolves with the `count`-th shown or logged message matching `pattern` (1-based). */
	async message(pattern: RegExp, count = 1): Promise<string> {
		for (;;) {
			const found = this.messages.filter((message) => pattern.test(message))[count - 1];
			if (found !== undefined) {
				return found;
			}
			await new Promise<void>((wake) => this.waiters.push(wake));
		}
	}

	/** The server process's exit code, once it has exited. */
	exitCode(): Promise<number | null> {
		return this.exited;
	}

	/** The server process's peak resident memory so far (Linux), in MB. */
	peakRssMb(): number {
		const status = readFileSync(`/proc/${this.process.pid}/status`, 'utf8');
		return Number(/^VmHWM:\s+(\d+) kB/m.exec(status)![1]) / 1024;
	}

	/** Resolves with the first publication for `uri`, from the `from`-th on (0-based), that satisfies `test`. */
	async diagnosticsWhere(uri: string, from: number, test: (params: PublishDiagnosticsParams) => boolean): Promise<PublishDiagnosticsParams> {
		for (;;) {
			const found = this.publications(uri).slice(from).find(test);
			if (found) {
				return found;
			}
			await new Promise<void>((wake) => this.waiters.push(wake));
		}
	}

	async stop(): Promise<void> {
		const exited = this.exited;
		try {
			await this.connection.sendRequest(ShutdownRequest.type);
			await this.connection.sendNotification(ExitNotification.type);
		} finally {
			this.connection.dispose();
		}
		await exited;
	}
}
