import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runInOrder } from '../../server/src/cli/inOrder';

/** Items finish in a scrambled order; results must come out in item order, with at most a window of them held. */
test('results come out in order, groups together, and no lane runs more than a window ahead', async () => {
	const count = 500;
	const window = 8;
	// Items 100..109 are one group, and 300..303 another.
	const groupEnd = Array.from({ length: count }, (_, index) => (index >= 100 && index <= 109 ? 109 : index >= 300 && index <= 303 ? 303 : index));
	const emitted: number[][] = [];
	let started = 0;
	let maxAhead = 0;
	let held = 0;
	let maxHeld = 0;
	await runInOrder(
		count,
		4,
		window,
		groupEnd,
		async (index) => {
			started++;
			maxAhead = Math.max(maxAhead, started - emitted.flat().length);
			// A scrambled but deterministic finishing order.
			for (let turn = 0; turn < (index * 7) % 5; turn++) {
				await Promise.resolve();
			}
			held++;
			maxHeld = Math.max(maxHeld, held);
			return index;
		},
		async (group) => {
			held -= group.length;
			emitted.push(group);
		},
	);
	assert.deepEqual(emitted.flat(), Array.from({ length: count }, (_, index) => index));
	assert.deepEqual(emitted.find((group) => group[0] === 100), [100, 101, 102, 103, 104, 105, 106, 107, 108, 109]);
	assert.deepEqual(emitted.find((group) => group[0] === 300), [300, 301, 302, 303]);
	assert.equal(emitted.filter((group) => group.length > 1).length, 2);
	assert.ok(maxAhead <= 10, `started at most a group past the oldest unreported item (${maxAhead})`);
	assert.ok(maxHeld <= 10, `held at most a window or a group of results (${maxHeld})`);
});

test('nothing to run: no work, no emit', async () => {
	let calls = 0;
	await runInOrder(0, 4, 8, [], async () => calls++, async () => void calls++);
	assert.equal(calls, 0);
});

test('a failed emit fails the run', async () => {
	await assert.rejects(
		runInOrder(
			20,
			2,
			4,
			Array.from({ length: 20 }, (_, index) => index),
			async (index) => index,
			async ([index]) => {
				if (index === 5) {
					throw new Error('disk full');
				}
			},
		),
		/disk full/,
	);
});
