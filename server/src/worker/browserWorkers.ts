import type { WorkerFactory } from './workerFactory';

/**
 * Parse workers in a browser: Web Workers started from the script's text (the
 * client fetched it), since a worker there cannot load a script from the
 * extension's URI. A browser has no per-thread CPU clock: budgets count wall time.
 */
export function browserWorkers(scriptText: string): WorkerFactory {
	const url = URL.createObjectURL(new Blob([scriptText], { type: 'text/javascript' }));
	return (events) => {
		const worker = new Worker(url, { name: 'Design Doc parser' });
		worker.onmessage = (event: MessageEvent) => events.message(event.data);
		worker.onerror = (event: ErrorEvent) => {
			// Handled here: not an uncaught error of the server's own worker.
			event.preventDefault();
			events.gone(`the service worker failed: ${event.message}`);
		};
		return {
			postMessage: (message) => worker.postMessage(message),
			terminate: () => worker.terminate(),
			keepAlive: () => undefined,
			cpuMs: () => undefined,
		};
	};
}
