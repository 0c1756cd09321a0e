// The parse worker as a Web Worker (dist/web/worker.js), for the server in VS Code for the Web.
import type { WorkerMessage } from './messages';
import { serveParseRequests } from './parseService';

declare const self: DedicatedWorkerGlobalScope;

serveParseRequests({ post: (message) => self.postMessage(message), onMessage: (listener) => self.addEventListener('message', (event: MessageEvent<WorkerMessage>) => listener(event.data)) });
