import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Retries } from '../../server/src/retries';

test('a timed-out doc is retried when the server is idle, with a doubled budget, until the tries are used', async (t) => {
	// Retry timers are unref'd so they never keep a finished process alive: this test must.
	const keepAlive = setInterval(() => {}, 1000);
	t.after(() => clearInterval(keepAlive));
	let busy = true;
	const retried: string[] = [];
	let wake = () => {};
	const retries = new Retries({
		maxAttempts: 2,
		pauseMs: 1,
		busy: () => {
			// Busy the first time it looks: the retry must wait for another pause.
			const was = busy;
			busy = false;
			return was;
		},
		retry: (uri) => {
			retried.push(uri);
			wake();
		},
	});
	const next = () => new Promise<void>((resolve) => (wake = resolve));
	assert.equal(retries.scale('a'), 1);
	let done = next();
	retries.timedOut('a');
	assert.equal(retries.scale('a'), 2);
	await done;
	assert.deepEqual(retried, ['a']);
	done = next();
	retries.timedOut('a');
	assert.equal(retries.scale('a'), 4);
	await done;
	assert.ok(retries.exhausted('a'));
	retries.timedOut('a');
	assert.equal(retries.scale('a'), 4, 'no third try');
	retries.reset('a');
	assert.equal(retries.scale('a'), 1);
	assert.ok(!retries.exhausted('a'));
	retries.dispose();
	assert.deepEqual(retried, ['a', 'a']);
});
