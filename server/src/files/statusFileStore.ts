import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { CacheStore } from '../statusCache';

/** A cache file on disk, written whole to a temporary name and renamed, so a crash never leaves half a file. */
export function fileStore(path: string): CacheStore {
	return {
		load: () => readFile(path, 'utf8'),
		save: async (text) => {
			await mkdir(dirname(path), { recursive: true });
			await writeFile(`${path}.tmp`, text);
			await rename(`${path}.tmp`, path);
		},
	};
}
