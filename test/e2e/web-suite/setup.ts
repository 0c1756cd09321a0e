// Mocha's own browser build: it defines `mocha` and `Mocha` and, once set up, the tdd globals
// (`suite`, `test`, ...) on the worker's global object. Imported first, before any test file.
import 'mocha/mocha.js';

mocha.setup({ ui: 'tdd', reporter: 'spec', timeout: 300_000, color: false });

// The reporter logs printf-style (`'%s (%dms)', title, ms`) and the host forwards the console as
// plain text: format it here (Node's util.format, which the Node suite uses, is not in a browser).
Mocha.reporters.Base.consoleLog = (...args: unknown[]) => console.log(format(args));

function format(args: unknown[]): string {
	const [first, ...rest] = args;
	if (args.length === 0) return '';
	if (typeof first !== 'string') return [first, ...rest].map(String).join(' ');
	const text = first.replace(/%[sdio%]/g, (directive) => (directive === '%%' ? '%' : rest.length > 0 ? String(rest.shift()) : directive));
	return [text, ...rest.map(String)].join(' ');
}
