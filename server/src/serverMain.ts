/**
 * The server process's one bundle (`dist/server.js`): the language server on
 * the main thread, and the same file again as its service worker, so the code
 * both use (LSP types, the line scanner, globs, the template) is in the
 * process once. The CLI has its own worker bundle.
 */
import { isMainThread } from 'node:worker_threads';

if (isMainThread) {
	void import('./server');
} else {
	void import('./worker/worker');
}
