// The parse worker as a Node worker thread (dist/worker.js), for the server and the CLI.
import { parentPort } from 'node:worker_threads';
import type { ThreadSignal } from './messages';
import { serveParseRequests } from './parseService';
import { currentThreadId } from './threadClock';

const port = parentPort!;
const thread = currentThreadId();
if (thread !== undefined) {
	// First, before any answer: the server reads this thread's CPU clock for budgets.
	port.postMessage({ thread } satisfies ThreadSignal);
}
serveParseRequests({ post: (message) => port.postMessage(message), onMessage: (listener) => port.on('message', listener) }, { beforeCheck: injectCrash });

declare const TEST_HOOKS: boolean;

/**
 * Tests of what the server and the CLI do when the checker crashes need a
 * crash on demand: in development builds only (production builds drop this),
 * a doc containing `DESIGN_DOC_TEST_CRASH`'s marker makes the check throw
 * (`throw:MARKER`) or the worker exit (`exit:MARKER`).
 */
function injectCrash(text: string): void {
	const hook = TEST_HOOKS ? /^(throw|exit):(.+)$/.exec(process.env.DESIGN_DOC_TEST_CRASH ?? '') : null;
	if (hook && text.includes(hook[2]!)) {
		if (hook[1] === 'exit') {
			process.exit(70);
		}
		throw new Error(`injected crash (${hook[2]})`);
	}
}
