/**
 * The Namespaces of `check`'s input that enforce Pod Security "restricted", found before any
 * object is checked: a Job's pods are refused when its namespace enforces the profile, and that
 * Namespace may come after the Job in the input. Knowing the set first lets every result be
 * written at once instead of held to the end of the input.
 *
 * Only a file whose bytes could spell the label is decoded: one holding the label key, a
 * backslash (a double-quoted escape can spell any character of it) or a UTF-16 byte order mark.
 */
import { closeSync, openSync, readSync } from 'fs';
import { expandPaths, parseText, readObjectsSync } from '../manifests';
import type { ReadItem } from '../manifests';
import { isObj } from '../validation/read';

const ENFORCE_LABEL = 'pod-security.kubernetes.io/enforce';

const NEEDLE = Buffer.from(ENFORCE_LABEL);
const BACKSLASH = 0x5c;
const CHUNK = 1024 * 1024;

/** The name of a Namespace object that enforces the restricted profile, if it is one. */
export function restrictedNamespace(o: Record<string, unknown>): string | undefined {
  if (o.kind !== 'Namespace' || !isObj(o.metadata)) return undefined;
  const { labels, name } = o.metadata;
  if (!isObj(labels) || !Object.prototype.hasOwnProperty.call(labels, ENFORCE_LABEL)) {
    return undefined;
  }
  return labels[ENFORCE_LABEL] === 'restricted' && typeof name === 'string' ? name : undefined;
}

/** Whether a file's bytes could hold the label: its key, a backslash, or UTF-16. */
function mayHoldLabel(file: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return false; // the reader reports it
  }
  try {
    const buf = Buffer.allocUnsafe(CHUNK + NEEDLE.length);
    let carry = 0;
    let first = true;
    for (;;) {
      const n = readSync(fd, buf, carry, CHUNK, null);
      if (n === 0) return false;
      const end = carry + n;
      if (first && end >= 2 && (buf[0] === 0xff || buf[0] === 0xfe)) return true;
      first = false;
      const view = buf.subarray(0, end);
      if (view.indexOf(BACKSLASH, carry) !== -1 || view.indexOf(NEEDLE) !== -1) return true;
      carry = Math.min(NEEDLE.length - 1, end);
      buf.copy(buf, 0, end - carry, end);
    }
  } catch {
    return false;
  } finally {
    closeSync(fd);
  }
}

function collect(items: Iterable<ReadItem>, into: Set<string>): void {
  for (const item of items) {
    if (item.kind !== 'object') continue;
    const name = restrictedNamespace(item.object);
    if (name !== undefined) into.add(name);
  }
}

/** The names of the Namespaces among `paths` (`-` for `readStdin`) that enforce "restricted". */
export function restrictedNamespaces(
  paths: readonly string[],
  readStdin: () => string,
): Set<string> {
  const found = new Set<string>();
  for (const entry of expandPaths(paths)) {
    if (entry.kind === 'stdin') {
      const text = readStdin();
      if (text.includes(ENFORCE_LABEL) || text.includes('\\')) collect(parseText('-', text), found);
    } else if (entry.kind === 'file' && mayHoldLabel(entry.file)) {
      collect(readObjectsSync([entry.file]), found);
    }
  }
  return found;
}
