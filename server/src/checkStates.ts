import type { CheckState } from './protocol';

type Published = NonNullable<CheckState['published']>;

/**
 * Per open document, what the server last published and whether a check is under way:
 * the state the `designDoc/checkState` request reports, so that tests wait on the
 * server rather than on time. Bookkeeping only; it decides nothing.
 */
export class CheckStates {
	private readonly published = new Map<string, Published>();
	private readonly running = new Map<string, number>();

	/** Wraps one validation-and-publish run of `uri`, so the document reads as busy meanwhile. */
	async track<T>(uri: string, run: () => Promise<T>): Promise<T> {
		this.running.set(uri, (this.running.get(uri) ?? 0) + 1);
		try {
			return await run();
		} finally {
			const left = (this.running.get(uri) ?? 1) - 1;
			if (left > 0) {
				this.running.set(uri, left);
			} else {
				this.running.delete(uri);
			}
		}
	}

	record(uri: string, published: Published): void {
		this.published.set(uri, published);
	}

	forget(uri: string): void {
		this.published.delete(uri);
	}

	/** `version`: the document's as the server has it; `scheduled`: a check waits for its debounce. */
	state(uri: string, version: number | undefined, scheduled: boolean): CheckState {
		return { version, published: this.published.get(uri), busy: scheduled || this.running.has(uri) };
	}
}
