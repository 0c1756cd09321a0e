/**
 * Docs whose check ran out of time are checked again once the server is idle,
 * each time with twice the budget, after a pause that doubles too: a doc that
 * timed out while the machine was busy gets its full findings once it calms
 * down, and a doc that is simply too slow stops costing time after a few tries.
 */
export class Retries {
	private readonly attempts = new Map<string, number>();
	private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

	constructor(
		private readonly options: {
			readonly maxAttempts: number;
			readonly pauseMs: number;
			/** True while the server has other work: a retry then waits for another pause. */
			readonly busy: () => boolean;
			readonly retry: (uri: string) => void;
		},
	) {}

	/** How many budgets the next check of `uri` gets: 1, then 2, 4, … after each time-out. */
	scale(uri: string): number {
		return 2 ** (this.attempts.get(uri) ?? 0);
	}

	/** True when the doc has had every retry: its time-out is final until it changes. */
	exhausted(uri: string): boolean {
		return (this.attempts.get(uri) ?? 0) >= this.options.maxAttempts;
	}

	/** Its check ran out of time: try again later, with more time, unless every try is used. */
	timedOut(uri: string): void {
		if (this.exhausted(uri)) {
			return;
		}
		const attempt = (this.attempts.get(uri) ?? 0) + 1;
		this.attempts.set(uri, attempt);
		this.wait(uri, this.options.pauseMs * 2 ** (attempt - 1));
	}

	/** It was checked in time, changed, or closed: its next time-out starts over. */
	reset(uri: string): void {
		clearTimeout(this.timers.get(uri));
		this.timers.delete(uri);
		this.attempts.delete(uri);
	}

	dispose(): void {
		for (const uri of [...this.timers.keys()]) {
			this.reset(uri);
		}
	}

	private wait(uri: string, delayMs: number): void {
		clearTimeout(this.timers.get(uri));
		const timer = setTimeout(() => {
			this.timers.delete(uri);
			if (this.options.busy()) {
				this.wait(uri, delayMs);
			} else {
				this.options.retry(uri);
			}
		}, delayMs);
		// A pending retry must not keep a finished process (the CLI, a test) alive (Node; browsers have no such notion).
		(timer as { unref?: () => void }).unref?.();
		this.timers.set(uri, timer);
	}
}
