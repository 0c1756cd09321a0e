// The extension in VS Code's Node extension host (desktop, remote): the server is a Node process.
import * as path from 'node:path';
import type { ExtensionContext } from 'vscode';
import { LanguageClient, type ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { type DesignDocApi, startExtension, stopExtension } from './startExtension';

export function activate(context: ExtensionContext): Promise<DesignDocApi> {
	const module = context.asAbsolutePath(path.join('dist', 'server.js'));
	const serverOptions: ServerOptions = {
		run: { module, transport: TransportKind.ipc },
		debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
	};
	return startExtension(context, (clientOptions) => new LanguageClient('designDoc', 'Design Doc Assistant', serverOptions, clientOptions));
}

export const deactivate = stopExtension;
