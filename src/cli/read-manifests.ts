import { readFileSync, readdirSync, statSync } from 'fs';
import { join } from 'path';
import { parseAllDocuments } from 'yaml';

/** One object read from a manifest file. */
export interface ManifestObject {
  /** The file it came from (`-` for standard input). */
  readonly file: string;
  readonly object: Record<string, unknown>;
}

/** A file that could not be read or parsed. */
export interface ReadError {
  readonly file: string;
  readonly message: string;
}

const MANIFEST_FILE = /\.(ya?ml|json)$/i;

/** Every manifest file under `path`: the file itself, or a folder's .yaml/.yml/.json files, sorted. */
function filesOf(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { withFileTypes: true })
    .filter((e) => e.isDirectory() || MANIFEST_FILE.test(e.name))
    .map((e) => join(path, e.name))
    .sort()
    .flatMap(filesOf);
}

/**
 * Parses YAML the way the API server's YAML 1.1 decoder reads it, so `yes` is a boolean
 * and `0777` an octal number here too; `List` objects are expanded into their items.
 */
export function parseManifests(file: string, text: string): ManifestObject[] {
  const objects: ManifestObject[] = [];
  for (const doc of parseAllDocuments(text, { version: '1.1', prettyErrors: true })) {
    if (doc.errors.length > 0) throw new Error(doc.errors[0].message);
    const value: unknown = doc.toJS({ maxAliasCount: 100 });
    if (value === null || value === undefined) continue;
    if (typeof value !== 'object' || Array.isArray(value)) {
      throw new Error('a document is not a Kubernetes object (a YAML mapping)');
    }
    const o = value as Record<string, unknown>;
    const items = typeof o.kind === 'string' && o.kind.endsWith('List') ? o.items : undefined;
    if (Array.isArray(items)) {
      for (const item of items) objects.push({ file, object: item as Record<string, unknown> });
    } else {
      objects.push({ file, object: o });
    }
  }
  return objects;
}

/** Reads files, folders, or `-` (standard input). */
export function readManifests(
  paths: readonly string[],
  readStdin: () => string = () => readFileSync(0, 'utf8'),
): { objects: ManifestObject[]; errors: ReadError[] } {
  const objects: ManifestObject[] = [];
  const errors: ReadError[] = [];
  for (const path of paths) {
    let files: string[];
    try {
      files = path === '-' ? ['-'] : filesOf(path);
    } catch (e) {
      errors.push({ file: path, message: (e as Error).message });
      continue;
    }
    for (const file of files) {
      try {
        const text = file === '-' ? readStdin() : readFileSync(file, 'utf8');
        objects.push(...parseManifests(file, text));
      } catch (e) {
        errors.push({ file, message: (e as Error).message.split('\n')[0] });
      }
    }
  }
  return { objects, errors };
}

/** `kind/name`, or `kind/namespace/name` ... as kubectl prints it: `cronjob/x` style but with the kind as written. */
export function objectName(o: Record<string, unknown>): string {
  const metadata = (o.metadata ?? {}) as Record<string, unknown>;
  const name = typeof metadata.name === 'string' ? metadata.name : '<unnamed>';
  return `${String(o.kind ?? '<no kind>')}/${name}`;
}
