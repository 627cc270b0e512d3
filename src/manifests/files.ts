/**
 * The files behind the paths a user names: a file, a folder's .yaml/.yml/.json files (sorted,
 * recursively, each real folder once so a symlink loop ends), or `-` for standard input.
 * Nothing is opened here. A folder entry that is not a regular file (a FIFO, socket or device
 * named *.yaml) is skipped, because opening a FIFO with no writer blocks forever; a path named
 * explicitly may be a FIFO or character device (`check <(helm template ...)`, `/dev/stdin`).
 */
import { Dirent, Stats, readdirSync, statSync } from 'fs';
import { join } from 'path';

export type PathEntry =
  | { readonly kind: 'file'; readonly file: string }
  | { readonly kind: 'stdin'; readonly file: '-' }
  | { readonly kind: 'error'; readonly file: string; readonly message: string }
  | { readonly kind: 'skipped'; readonly file: string; readonly message: string };

const MANIFEST_FILE = /\.(ya?ml|json)$/i;

/** A one-line reason for a file system error, without Node's `ENOENT: ..., stat 'x'` wrapping. */
export function fsErrorMessage(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ELOOP':
      return 'too many levels of symbolic links (a symlink loop)';
    case 'ENOTDIR':
      return 'a path component is not a directory';
    case 'EISDIR':
      return 'is a directory';
    case 'ENAMETOOLONG':
      return 'file name too long';
    default: {
      const message = (e as Error).message ?? String(e);
      return message
        .replace(/^[A-Z]+: /, '')
        .replace(/, \w+ '.*'$/, '')
        .split('\n')[0];
    }
  }
}

function kindOf(s: Stats): string {
  if (s.isFIFO()) return 'a FIFO';
  if (s.isSocket()) return 'a socket';
  if (s.isCharacterDevice()) return 'a character device';
  if (s.isBlockDevice()) return 'a block device';
  return 'not a regular file';
}

function* walk(dir: string, visited: Set<string>): Generator<PathEntry> {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    yield { kind: 'error', file: dir, message: `cannot list the folder: ${fsErrorMessage(e)}` };
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    const manifest = MANIFEST_FILE.test(entry.name);
    if (!entry.isDirectory() && !entry.isSymbolicLink() && !manifest) continue;
    let s: Stats;
    try {
      s = statSync(path);
    } catch (e) {
      if (manifest || !entry.isSymbolicLink()) {
        yield { kind: 'error', file: path, message: `cannot read: ${fsErrorMessage(e)}` };
      }
      continue;
    }
    if (s.isDirectory()) {
      const id = `${s.dev}:${s.ino}`;
      if (visited.has(id)) continue; // a symlink back to a folder already read
      visited.add(id);
      yield* walk(path, visited);
    } else if (!manifest) {
      continue;
    } else if (s.isFile()) {
      yield { kind: 'file', file: path };
    } else {
      yield { kind: 'skipped', file: path, message: `skipped: ${kindOf(s)}, not a regular file` };
    }
  }
}

/** Every manifest file behind `paths`, in order. */
export function* expandPaths(paths: readonly string[]): Generator<PathEntry> {
  for (const path of paths) {
    if (path === '-') {
      yield { kind: 'stdin', file: '-' };
      continue;
    }
    let s: Stats;
    try {
      s = statSync(path);
    } catch (e) {
      yield { kind: 'error', file: path, message: `cannot read: ${fsErrorMessage(e)}` };
      continue;
    }
    if (s.isDirectory()) {
      yield* walk(path, new Set([`${s.dev}:${s.ino}`]));
    } else if (s.isFile() || s.isFIFO() || s.isCharacterDevice()) {
      yield { kind: 'file', file: path };
    } else {
      yield { kind: 'skipped', file: path, message: `skipped: ${kindOf(s)}, not a regular file` };
    }
  }
}
