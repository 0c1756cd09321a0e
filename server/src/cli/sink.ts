import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { describeError } from '../files/nodeFileSystem';

/**
 * Where the report goes, written piece by piece: a write waits while the
 * stream's buffer is full, so a slow reader (a pipe, a full disk) holds the
 * run back instead of the report piling up in memory. The first error stops
 * every later write and is rethrown by `close`.
 */
export class Sink {
	private failure: Error | undefined;

	private constructor(
		private readonly stream: Writable,
		private readonly name: string,
		private readonly owned: boolean,
	) {
		stream.on('error', (error) => {
			this.failure ??= error;
		});
	}

	static stdout(stream: Writable): Sink {
		return new Sink(stream, 'standard output', false);
	}

	/** The file, created or emptied; rejects (with a message naming it) when it cannot be. */
	static async file(path: string, name: string): Promise<Sink> {
		const stream = createWriteStream(path);
		await new Promise<void>((resolve, reject) => {
			stream.once('open', () => resolve());
			stream.once('error', (error) => reject(new Error(`cannot write ${name}: ${describeError(error)}.`)));
		});
		return new Sink(stream, name, true);
	}

	async write(text: string): Promise<void> {
		if (text === '' || this.failure) {
			return;
		}
		if (!this.stream.write(text)) {
			await new Promise<void>((resolve) => {
				const done = () => {
					this.stream.off('drain', done);
					this.stream.off('error', done);
					this.stream.off('close', done);
					resolve();
				};
				this.stream.on('drain', done).on('error', done).on('close', done);
			});
		}
	}

	/** Everything written reached the stream's target (a file is closed; standard output stays open). */
	async close(): Promise<void> {
		if (!this.failure) {
			await new Promise<void>((resolve) => {
				if (this.owned) {
					this.stream.end(() => resolve());
				} else {
					this.stream.write('', () => resolve());
				}
				this.stream.once('error', () => resolve());
			});
		}
		if (this.failure) {
			throw new Error(`cannot write ${this.name}: ${describeError(this.failure)}.`);
		}
	}
}
