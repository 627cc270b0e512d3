// Builds lib/ (npm run build) once before the suites when a source is newer than the last
// build, so tests that run the bin in child processes start plain node on compiled code, as
// users do, instead of paying tsx's start-up per process.
const { execFileSync } = require('child_process');
const { existsSync, readdirSync, statSync, writeFileSync } = require('fs');
const { join } = require('path');

const ROOT = join(__dirname, '..', '..');
const STAMP = join(ROOT, 'lib', '.built');

function newest(path) {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return readdirSync(path).reduce((m, f) => Math.max(m, newest(join(path, f))), s.mtimeMs);
}

module.exports = async function buildLib() {
  const inputs = ['src', 'packages/runtime/src', 'tsconfig.json', 'tsconfig.build.json'];
  const changed = Math.max(...inputs.map((p) => newest(join(ROOT, p))));
  if (existsSync(STAMP) && statSync(STAMP).mtimeMs >= changed) return;
  try {
    execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'pipe', encoding: 'utf8' });
  } catch (e) {
    throw new Error(`npm run build failed before the tests:\n${e.stdout}${e.stderr}`);
  }
  writeFileSync(STAMP, '');
};
