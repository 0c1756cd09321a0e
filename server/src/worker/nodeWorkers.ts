import { Worker } from 'node:worker_threads';
import type { ThreadSignal } from './messages';
import { threadCpuMs } from './threadClock';
import type { WorkerFactory } from './workerFactory';

/**
 * A parse makes mostly short-lived garbage: V8's default young generation (48 MB
 * a thread) grows to its limit in every worker, and the index runs one per core.
 * A quarter of it cost no measurable time and saves about 30 MB a worker.
 */
const youngGenerationMb = 12;

/**
 * Parse workers as `node:worker_threads` threads running `script`. Each
 * sends its kernel thread id first, and its CPU clock is read from that:
 * budgets count the work it did, not the time it waited for a core.
 */
export function nodeWorkers(script: string): WorkerFactory {
	return (events) => {
		const worker = new Worker(script, { resourceLimits: { maxYoungGenerationSizeMb: youngGenerationMb } });
		let thread: number | undefined;
		worker.on('message', (message: unknown) => {
			if (typeof message === 'object' && message !== null && 'thread' in message) {
				thread = (message as ThreadSignal).thread;
			} else {
				events.message(message);
			}
		});
		worker.on('error', (error) => events.gone(`the service worker failed: ${error.message}`));
		worker.on('exit', () => events.gone('the service worker exited'));
		// The server process may exit while the worker idles.
		worker.unref();
		return {
			postMessage: (message) => worker.postMessage(message),
			terminate: () => void worker.terminate(),
			keepAlive: (alive) => (alive ? worker.ref() : worker.unref()),
			cpuMs: () => (thread === undefined ? undefined : threadCpuMs(thread)),
		};
	};
}
