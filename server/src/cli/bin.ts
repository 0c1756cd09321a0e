import { join } from 'node:path';
import { main } from './cli';

main(process.argv.slice(2), { cwd: process.cwd(), stdout: process.stdout, stderr: process.stderr, env: process.env, workerScript: join(__dirname, 'worker.js') }).then(
	(code) => {
		// Not process.exit(): it could cut off output still on its way to a pipe.
		process.exitCode = code;
	},
	(error: unknown) => {
		process.stderr.write(`design-doc-lint: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
		process.exitCode = 2;
	},
);
