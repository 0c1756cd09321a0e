import type { WorkerMessage } from './messages';

/**
 * The parse worker as the service host drives it, whatever runs it: a
 * `node:worker_threads` thread (nodeWorkers.ts) or a Web Worker
 * (browserWorkers.ts). The host stays the same in both.
 */
export interface ServiceWorker {
	postMessage(message: WorkerMessage): void;
	/** Ends it at once, mid-parse if need be: the only way to stop a synchronous parse. */
	terminate(): void;
	/** Whether it keeps the process alive (Node: while a request is in flight, so the CLI waits for it); nothing in a browser. */
	keepAlive(alive: boolean): void;
	/** CPU time it has used, in ms; undefined where there is no per-thread clock (browsers), and the host counts wall time. */
	cpuMs(): number | undefined;
}

export interface WorkerEvents {
	/** An answer or a signal from the worker. */
	message(message: unknown): void;
	/** It failed or ended on its own: it answers nothing more. */
	gone(reason: string): void;
}

/** Starts a parse worker that reports to `events`. */
export type WorkerFactory = (events: WorkerEvents) => ServiceWorker;
