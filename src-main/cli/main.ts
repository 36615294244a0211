/** Entry of the `dpa` command (bundled to out/main/cli.js, started by bin/dpa.js). */
import { runCli } from './run';

void runCli(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
