// npm test needs a few tools outside npm; say which one is missing and how to get it, before
// the suite starts, instead of failing deep inside a test.
import { spawnSync } from 'node:child_process';

const TOOLS = [
  {
    command: 'python3',
    args: ['-c', 'import venv, ensurepip'],
    why: 'the Python runtime twin is built and installed into a virtual environment',
    install: 'apt-get install python3 python3-venv (pip fetches setuptools from PyPI)',
  },
  {
    command: 'kubectl',
    args: ['version', '--client'],
    why: 'the apply tests check the API server double against the real kubectl',
    install: 'https://kubernetes.io/docs/tasks/tools/ (any 1.2x client)',
  },
  {
    command: 'script',
    args: ['--version'],
    why: 'the terminal tests run apply --wait under a pseudo-terminal',
    install: 'apt-get install util-linux',
  },
];

const missing = TOOLS.filter((t) => spawnSync(t.command, t.args, { stdio: 'ignore' }).status !== 0);
for (const t of missing) {
  console.error(`npm test needs ${t.command}: ${t.why}. Install it: ${t.install}`);
}
process.exit(missing.length === 0 ? 0 : 1);
