import { main } from './cli';

void main(process.argv.slice(2)).then(({ code, stdout, stderr }) => {
	process.stderr.write(stderr);
	process.stdout.write(stdout, () => process.exit(code));
});
