import type { Connection } from 'vscode-languageserver';
import { loadStatusIndexRequest, saveStatusIndexRequest } from '../protocol';
import type { CacheStore } from '../statusCache';

/**
 * The index of statuses in the extension's storage, read and written by the
 * client (client/src/statusIndexFile.ts): for a server that cannot reach that
 * storage itself, as in VS Code for the Web.
 */
export function clientStatusStore(connection: Pick<Connection, 'sendRequest'>): CacheStore {
	return {
		load: async () => (await connection.sendRequest(loadStatusIndexRequest)) ?? undefined,
		save: (text) => connection.sendRequest(saveStatusIndexRequest, { text }),
	};
}
