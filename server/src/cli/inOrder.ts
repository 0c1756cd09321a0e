/**
 * Runs `work` over items `0..count-1` on `lanes` lanes at once and hands the
 * results to `emit` in item order, so output is the same however the lanes
 * race. Items form contiguous groups (`groupEnd[i]` is the last item of i's
 * group) whose results are emitted together. A lane does not start an item
 * more than `window` items past the first one not yet emitted, unless it
 * belongs to that item's group: memory holds at most a window of results
 * (and one group), however many items there are.
 */
export async function runInOrder<R>(
	count: number,
	lanes: number,
	window: number,
	groupEnd: ArrayLike<number>,
	work: (index: number) => Promise<R>,
	emit: (results: R[]) => Promise<void>,
): Promise<void> {
	const done = new Map<number, R>();
	let next = 0;
	let emitted = 0;
	let waiters: (() => void)[] = [];
	let flushing = Promise.resolve();

	const mayStart = (index: number) => index < emitted + window || (emitted < count && index <= groupEnd[emitted]!);

	const flush = async () => {
		for (;;) {
			const end = emitted < count ? groupEnd[emitted]! : -1;
			if (end < 0) {
				return;
			}
			const group: R[] = [];
			for (let index = emitted; index <= end && done.has(index); index++) {
				group.push(done.get(index)!);
			}
			if (group.length !== end - emitted + 1) {
				return;
			}
			for (let index = emitted; index <= end; index++) {
				done.delete(index);
			}
			await emit(group);
			emitted = end + 1;
			const woken = waiters;
			waiters = [];
			woken.forEach((wake) => wake());
		}
	};

	const lane = async () => {
		for (;;) {
			while (next < count && !mayStart(next)) {
				await new Promise<void>((resolve) => waiters.push(resolve));
			}
			if (next >= count) {
				return;
			}
			const index = next++;
			done.set(index, await work(index));
			// One flush at a time, in order; a failed emit fails the run.
			flushing = flushing.then(flush);
			await flushing;
		}
	};

	await Promise.all(Array.from({ length: Math.max(1, Math.min(lanes, count)) }, () => lane()));
	await flushing;
}
