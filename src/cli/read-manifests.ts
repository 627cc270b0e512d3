/**
 * The CLI's view of the manifest reader (src/manifests/): every command that reads manifests
 * (check, schedule, apply, wait) goes through these functions, so all of them resolve YAML
 * scalars as the API server does.
 */
import { readFileSync } from 'fs';
import { describeError, parseText, readObjectsSync } from '../manifests';
import type { DocumentSource } from '../manifests';

/** One object read from a manifest file. */
export interface ManifestObject {
  /** The file it came from (`-` for standard input). */
  readonly file: string;
  readonly object: Record<string, unknown>;
  /** The 1-based line on which its document's content starts. */
  readonly line?: number;
  /** Its document's index in the file. */
  readonly docIndex?: number;
  /** Its document's text, for `positionOf` from src/manifests. */
  readonly source?: DocumentSource;
}

/** A file that could not be read or parsed. */
export interface ReadError {
  readonly file: string;
  /** One line: `line 3, column 7: what is wrong` when the place is known. */
  readonly message: string;
  readonly line?: number;
  readonly column?: number;
}

/**
 * Parses YAML the way the API server reads it (goyaml.v2 resolution: `yes` is a boolean,
 * `0777` is 511, `e2` and `1:30` are strings); `List` objects are expanded into their items.
 * Throws the first read error.
 */
export function parseManifests(file: string, text: string): ManifestObject[] {
  const objects: ManifestObject[] = [];
  for (const item of parseText(file, text)) {
    if (item.kind === 'object') objects.push(item);
    else if (item.kind === 'error') throw new Error(describeError(item));
  }
  return objects;
}

/** Reads files, folders, or `-` (standard input), one object or read error at a time. */
export function* streamManifests(
  paths: readonly string[],
  readStdin: () => string = readStandardInput,
): Generator<ManifestObject | ReadError> {
  for (const item of readObjectsSync(paths, { readStdin })) {
    if (item.kind === 'object') {
      yield item;
      continue;
    }
    const line = item.kind === 'error' ? item.line : undefined;
    const column = item.kind === 'error' ? item.column : undefined;
    yield {
      file: item.file,
      message: item.kind === 'error' ? describeError(item) : item.message,
      ...(line !== undefined ? { line } : {}),
      ...(column !== undefined ? { column } : {}),
    };
  }
}

/** Whether a streamed item is a read error. */
export function isReadError(item: ManifestObject | ReadError): item is ReadError {
  return !('object' in item);
}

/** Reads files, folders, or `-` (standard input), all at once. */
export function readManifests(
  paths: readonly string[],
  readStdin?: () => string,
): { objects: ManifestObject[]; errors: ReadError[] } {
  const objects: ManifestObject[] = [];
  const errors: ReadError[] = [];
  for (const item of streamManifests(paths, readStdin)) {
    if (isReadError(item)) errors.push(item);
    else objects.push(item);
  }
  return { objects, errors };
}

/** Standard input's whole text. */
export function readStandardInput(): string {
  return readFileSync(0, 'utf8');
}

/** `kind/name`, or `kind/namespace/name` ... as kubectl prints it: `cronjob/x` style but with the kind as written. */
export function objectName(o: Record<string, unknown>): string {
  const metadata = (o.metadata ?? {}) as Record<string, unknown>;
  const name = typeof metadata.name === 'string' ? metadata.name : '<unnamed>';
  return `${String(o.kind ?? '<no kind>')}/${name}`;
}
