import { main } from './cli';

const { code, stdout, stderr } = main(process.argv.slice(2));
process.stderr.write(stderr);
process.stdout.write(stdout, () => process.exit(code));
