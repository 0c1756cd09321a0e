import { Worker } from 'node:worker_threads';
import type { WorkerAnswer, WorkerReplies, WorkerRequest } from './worker/messages';

/** The request ran past its time budget; the worker was replaced. */
export class OverBudget extends Error {}

/** The worker was replaced while this request waited behind another one: asking again is safe. */
export class WorkerRestarted extends Error {}

interface Pending {
	readonly resolve: (reply: unknown) => void;
	readonly reject: (error: Error) => void;
	readonly timer: NodeJS.Timeout;
}

/**
 * The server's side of the service worker: requests with a time budget each.
 * A request that runs over gets `OverBudget`, the worker is terminated (the
 * only way to stop a synchronous parse) and a fresh one starts on the next
 * request. The server's own thread never parses, so it always answers.
 */
export class ServiceHost {
	private worker: Worker | undefined;
	private nextId = 1;
	private readonly pending = new Map<number, Pending>();

	constructor(
		private readonly script: string,
		private readonly log: (message: string) => void,
	) {}

	request<K extends WorkerRequest['kind']>(request: Extract<WorkerRequest, { kind: K }>, budgetMs: number): Promise<WorkerReplies[K]> {
		const worker = this.ensureWorker();
		const id = this.nextId++;
		return new Promise<WorkerReplies[K]>((resolve, reject) => {
			const timer = setTimeout(() => {
				this.pending.delete(id);
				reject(new OverBudget(`took longer than ${budgetMs} ms`));
				this.replace(`a ${request.kind} request ran over its ${budgetMs} ms budget`);
			}, budgetMs);
			this.pending.set(id, { resolve: resolve as (reply: unknown) => void, reject, timer });
			worker.postMessage({ id, request });
		});
	}

	dispose(): void {
		this.replace('the server is shutting down');
	}

	private ensureWorker(): Worker {
		if (!this.worker) {
			const worker = new Worker(this.script);
			worker.on('message', (answer: WorkerAnswer) => this.settle(answer));
			worker.on('error', (error) => {
				this.log(`The service worker failed: ${error.stack ?? error.message}`);
				if (this.worker === worker) {
					this.replace('the service worker failed');
				}
			});
			worker.on('exit', () => {
				if (this.worker === worker) {
					this.replace('the service worker exited');
				}
			});
			// The server process may exit while the worker idles.
			worker.unref();
			this.worker = worker;
		}
		return this.worker;
	}

	private settle({ id, reply, error }: WorkerAnswer): void {
		const pending = this.pending.get(id);
		if (!pending) {
			return;
		}
		this.pending.delete(id);
		clearTimeout(pending.timer);
		if (error !== undefined) {
			pending.reject(new Error(error));
		} else {
			pending.resolve(reply);
		}
	}

	private replace(reason: string): void {
		const worker = this.worker;
		this.worker = undefined;
		for (const [id, pending] of this.pending) {
			clearTimeout(pending.timer);
			pending.reject(new WorkerRestarted(reason));
			this.pending.delete(id);
		}
		if (worker) {
			void worker.terminate();
		}
	}
}
