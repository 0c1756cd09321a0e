import { readFileSync } from 'node:fs';

/**
 * CPU time of one thread of this process, so a worker's time budget counts
 * the work it did, not the time it waited for a core on a busy machine.
 * Linux exposes each thread's clock in /proc; elsewhere there is no per-thread
 * clock and the caller falls back to the wall clock.
 */

/** This thread's kernel id, to be sent to the thread that measures it; undefined off Linux. */
export function currentThreadId(): number | undefined {
	return fieldsOf('/proc/thread-self/stat')?.pid;
}

/** Milliseconds of CPU time thread `tid` of this process has used; undefined once it is gone or off Linux. */
export function threadCpuMs(tid: number): number | undefined {
	const fields = fieldsOf(`/proc/self/task/${tid}/stat`);
	return fields ? ((fields.utime + fields.stime) * 1000) / ticksPerSecond : undefined;
}

/** USER_HZ: 100 on every Linux Node supports. */
const ticksPerSecond = 100;

function fieldsOf(path: string): { pid: number; utime: number; stime: number } | undefined {
	let text: string;
	try {
		text = readFileSync(path, 'utf8');
	} catch {
		return undefined;
	}
	// The command name (field 2) is in parentheses and may hold spaces: split after its last ')'.
	const close = text.lastIndexOf(')');
	const rest = text.slice(close + 2).split(' ');
	// rest[0] is field 3 (state); utime and stime are fields 14 and 15.
	const utime = Number(rest[11]);
	const stime = Number(rest[12]);
	const pid = Number.parseInt(text, 10);
	return Number.isFinite(utime) && Number.isFinite(stime) && Number.isFinite(pid) ? { pid, utime, stime } : undefined;
}
