import { commands, window } from 'vscode';
import { CloseAction, CloseHandlerResult, ErrorAction, ErrorHandler, ErrorHandlerResult } from 'vscode-languageclient';

/** More crashes than this within `window` and the server is not restarted on its own. */
const maxRestarts = 4;
const windowMs = 3 * 60 * 1000;

/**
 * Restarts the server when it dies, as vscode-languageclient does by default,
 * but after repeated crashes tells the user and offers "Restart Server"
 * instead of stopping silently.
 */
export class CrashHandler implements ErrorHandler {
	private readonly crashes: number[] = [];

	error(): ErrorHandlerResult {
		return { action: ErrorAction.Continue };
	}

	closed(): CloseHandlerResult {
		const now = Date.now();
		this.crashes.push(now);
		while (this.crashes.length > 0 && now - this.crashes[0]! > windowMs) {
			this.crashes.shift();
		}
		if (this.crashes.length <= maxRestarts) {
			return { action: CloseAction.Restart, handled: true };
		}
		this.crashes.length = 0;
		void window
			.showErrorMessage(
				`The Design Doc server stopped ${maxRestarts + 1} times in 3 minutes, so it was not restarted. The "Design Doc Assistant" output channel says why.`,
				'Restart Server',
			)
			.then((choice) => (choice ? commands.executeCommand('designDoc.restartServer') : undefined));
		return { action: CloseAction.DoNotRestart, handled: true };
	}
}
