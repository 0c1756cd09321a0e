import { ServiceHost } from './serviceHost';
import type { WorkerReplies, WorkerRequest } from './worker/messages';
import type { WorkerFactory } from './worker/workerFactory';

/**
 * Service workers for indexing, one per core: parsing is all the cost of a
 * status, so a workspace is read on every core at once. Each request goes to
 * the worker with the fewest in hand; each keeps its own time budget, as with
 * a single `ServiceHost`. The editor's open docs have a worker of their own.
 */
export class ServicePool {
	private readonly hosts: { readonly host: ServiceHost; load: number }[];

	constructor(startWorker: WorkerFactory, log: (message: string) => void, size: number) {
		this.hosts = Array.from({ length: Math.max(1, size) }, () => ({ host: new ServiceHost(startWorker, log), load: 0 }));
	}

	get size(): number {
		return this.hosts.length;
	}

	async request<K extends WorkerRequest['kind']>(request: Extract<WorkerRequest, { kind: K }>, budgetMs: number): Promise<WorkerReplies[K]> {
		const least = this.hosts.reduce((a, b) => (b.load < a.load ? b : a));
		least.load++;
		try {
			return await least.host.request(request, budgetMs);
		} finally {
			least.load--;
		}
	}

	dispose(): void {
		for (const { host } of this.hosts) {
			host.dispose();
		}
	}
}
