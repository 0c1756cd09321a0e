import type { WorkerAnswer, WorkerReplies, WorkerRequest, WorkerSignal } from './worker/messages';
import type { ServiceWorker, WorkerFactory } from './worker/workerFactory';

/** The request did more work than its time budget allows; the worker was replaced. */
export class OverBudget extends Error {}

/**
 * The worker was replaced under this request: asking again is safe.
 * `wasRunning`: it is the request the worker was on (or about to start), so it
 * may be what crashed it; false when it only waited behind that one.
 */
export class WorkerRestarted extends Error {
	constructor(
		message: string,
		readonly wasRunning: boolean,
	) {
		super(message);
	}
}

/** The worker does not hold the analysis this request is about (it was replaced since): check the doc again, then ask again. */
export class NotChecked extends Error {}

/**
 * However busy the machine, a request that has not finished after this many
 * budgets of wall time is ended: the budget counts CPU time, and a thread
 * that gets almost none must still not hold a doc forever.
 */
const wallCapFactor = 20;

interface Pending {
	readonly kind: WorkerRequest['kind'];
	readonly budgetMs: number;
	readonly resolve: (reply: unknown) => void;
	readonly reject: (error: Error) => void;
	/** Set once the worker starts on it: time in the queue is not the request's. */
	started?: { readonly cpuMs: number | undefined; readonly wallMs: number };
	timer?: ReturnType<typeof setTimeout>;
}

/**
 * The server's side of the service worker: requests with a time budget each.
 * The budget counts the CPU time the worker spends on the request, from the
 * moment it starts on it; waiting in the queue, worker start-up, moving the
 * text and waiting for a core on a busy machine do not count. A request that
 * works past its budget gets `OverBudget`, and the worker is terminated (the
 * only way to stop a synchronous parse); a fresh one starts on the next
 * request. The server's own thread never parses, so it always answers.
 * Where there is no per-thread CPU clock (a browser) the budget counts wall time.
 */
export class ServiceHost {
	private worker: ServiceWorker | undefined;
	private nextId = 1;
	private readonly pending = new Map<number, Pending>();

	constructor(
		private readonly startWorker: WorkerFactory,
		private readonly log: (message: string) => void,
	) {}

	/** True while any request is queued or running. */
	get busy(): boolean {
		return this.pending.size > 0;
	}

	request<K extends WorkerRequest['kind']>(request: Extract<WorkerRequest, { kind: K }>, budgetMs: number): Promise<WorkerReplies[K]> {
		const worker = this.ensureWorker();
		const id = this.nextId++;
		return new Promise<WorkerReplies[K]>((resolve, reject) => {
			this.pending.set(id, { kind: request.kind, budgetMs, resolve: resolve as (reply: unknown) => void, reject });
			// Until it answers, the worker keeps the process alive: the budget's timer starts only
			// when the worker starts on the request, and the CLI has nothing else that waits.
			worker.keepAlive(true);
			worker.postMessage({ id, request });
		});
	}

	dispose(): void {
		this.replace('the server is shutting down', false);
	}

	private ensureWorker(): ServiceWorker {
		if (!this.worker) {
			const worker: ServiceWorker = this.startWorker({
				message: (message) => {
					if (this.worker === worker) {
						this.receive(message as WorkerAnswer | WorkerSignal);
					}
				},
				gone: (reason) => {
					if (this.worker === worker) {
						this.log(`The service worker stopped: ${reason}`);
						this.replace(reason, true);
					}
				},
			});
			this.worker = worker;
		}
		return this.worker;
	}

	private receive(message: WorkerAnswer | WorkerSignal): void {
		if ('started' in message) {
			this.start(message.started);
		} else {
			this.settle(message);
		}
	}

	private start(id: number): void {
		const pending = this.pending.get(id);
		if (!pending) {
			return;
		}
		pending.started = { cpuMs: this.cpuMs(), wallMs: performance.now() };
		this.arm(id, pending, pending.budgetMs);
	}

	/** Looks again after `delayMs`: over budget ends the worker, otherwise waits for the rest of the budget. */
	private arm(id: number, pending: Pending, delayMs: number): void {
		pending.timer = setTimeout(() => {
			const { cpuMs, wallMs } = pending.started!;
			const now = this.cpuMs();
			const wall = performance.now() - wallMs;
			const work = cpuMs !== undefined && now !== undefined ? now - cpuMs : wall;
			if (work < pending.budgetMs && wall < pending.budgetMs * wallCapFactor) {
				// Clock ticks are 10 ms: never re-arm for less.
				this.arm(id, pending, Math.max(pending.budgetMs - work, 10));
				return;
			}
			this.pending.delete(id);
			pending.reject(new OverBudget(`used ${Math.round(work)} ms of work (${Math.round(wall)} ms in all), over its ${pending.budgetMs} ms budget`));
			this.replace(`a ${pending.kind} request ran over its ${pending.budgetMs} ms budget`, false);
		}, delayMs);
	}

	private cpuMs(): number | undefined {
		return this.worker?.cpuMs();
	}

	private settle({ id, reply, error, notChecked }: WorkerAnswer): void {
		const pending = this.pending.get(id);
		if (!pending) {
			return;
		}
		this.pending.delete(id);
		clearTimeout(pending.timer);
		if (this.pending.size === 0) {
			this.worker?.keepAlive(false);
		}
		if (notChecked) {
			pending.reject(new NotChecked(`the worker holds no check of the doc this ${pending.kind} request is about`));
		} else if (error !== undefined) {
			pending.reject(new Error(error));
		} else {
			pending.resolve(reply);
		}
	}

	/**
	 * `oldestRan`: the oldest pending request may have ended the worker. The
	 * worker answers in order, so the oldest is the one it was on, or about to
	 * start (its `started` signal may be lost with the worker); the others only
	 * waited. A request that ran over its budget is no longer pending.
	 */
	private replace(reason: string, oldestRan: boolean): void {
		const worker = this.worker;
		this.worker = undefined;
		let first = true;
		for (const [id, pending] of this.pending) {
			clearTimeout(pending.timer);
			pending.reject(new WorkerRestarted(reason, oldestRan && first));
			this.pending.delete(id);
			first = false;
		}
		worker?.terminate();
	}
}
