/**
 * The manifest reader every command shares: files, folders or standard input in, one item per
 * Kubernetes object (a List's items expanded) or per read error out, streamed document by
 * document so that memory is bounded by the largest document, never by the input.
 */
import { closeSync, createReadStream, openSync, readFileSync, readSync } from 'fs';
import { isAscii, isUtf8 } from 'buffer';
import { TextDecoder } from 'util';
import { decodeBlockYaml } from './block-decode';
import { DocumentError, decodeAnyYaml, formatPath } from './decode';
import { jsonErrorAt } from './json-error';
import { PathEntry, expandPaths, fsErrorMessage } from './files';
import { DocumentSource, positionOf } from './position';
import { DocumentSplitter, RawDocument, contentLine } from './split';

/** One Kubernetes object read from a manifest file. */
export interface ObjectItem {
  readonly kind: 'object';
  /** The file it came from (`-` for standard input). */
  readonly file: string;
  /** The 1-based line on which its document's content starts. */
  readonly line: number;
  /** Its document's index among the documents of the file that have content (0-based). */
  readonly docIndex: number;
  /** For an item of a List: its index in `items`. */
  readonly itemIndex?: number;
  readonly object: Record<string, unknown>;
  /** The document's text, for `positionOf`. */
  readonly source: DocumentSource;
}

/** A file, document or List item that could not be read; the message is one line. */
export interface ErrorItem {
  readonly kind: 'error';
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
  readonly docIndex?: number;
  readonly message: string;
}

/** A path that was not read (not a regular file). */
export interface SkippedItem {
  readonly kind: 'skipped';
  readonly file: string;
  readonly message: string;
}

export type ReadItem = ObjectItem | ErrorItem | SkippedItem;

export interface ReadOptions {
  /** Standard input's whole text; by default standard input is read as a stream. */
  readonly readStdin?: () => string;
  /**
   * A YAML document longer than this (in characters) is reported, not parsed. The API server
   * takes at most 3 MiB per request. @default 32 MiB
   */
  readonly maxDocumentChars?: number;
}

const DEFAULT_MAX_DOCUMENT = 32 * 1024 * 1024;
/**
 * Bytes read at a time. Each chunk becomes one string: at 64 KiB it is an ordinary heap object,
 * while a 1 MiB string goes to V8's large-object space, where building it (and the splitter's
 * joining it to the carried line) cost about 5 ms per MiB on the bench machine instead of 0.2.
 */
const CHUNK = 64 * 1024;

/** A message on one line, control characters escaped, at most 300 characters. */
export function oneLine(message: string): string {
  // eslint-disable-next-line no-control-regex -- escaping control characters is the point
  const s = message.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, (c) =>
    c === '\n' ? '\\n' : c === '\t' ? '\\t' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return s.length > 300 ? `${s.slice(0, 297)}...` : s;
}

/** `line 3, column 7: what is wrong` as one line. */
export function describeError(e: ErrorItem): string {
  if (e.line === undefined) return oneLine(e.message);
  return `line ${e.line}${e.column !== undefined ? `, column ${e.column}` : ''}: ${oneLine(e.message)}`;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

const typeName = (v: unknown) =>
  Array.isArray(v) ? 'a sequence' : v === null ? 'null' : `a ${typeof v}`;

/** The objects of one decoded document (a List's items expanded), or its errors. */
function* objectsOf(
  file: string,
  value: unknown,
  docIndex: number,
  source: DocumentSource,
  line: number,
): Generator<ReadItem> {
  if (!isObject(value)) {
    yield {
      kind: 'error',
      file,
      line,
      docIndex,
      message: `the document is ${typeName(value)}, not a Kubernetes object (a mapping)`,
    };
    return;
  }
  const items = value.items;
  if (typeof value.kind === 'string' && value.kind.endsWith('List') && Array.isArray(items)) {
    for (let i = 0; i < items.length; i++) {
      const item: unknown = items[i];
      if (item === null) continue;
      const itemSource = { ...source, itemPath: `items[${i}]` };
      if (!isObject(item)) {
        const at = positionOf(itemSource, '');
        yield {
          kind: 'error',
          file,
          line: at.line,
          column: at.column,
          docIndex,
          message: `items[${i}] is ${typeName(item)}, not a Kubernetes object (a mapping)`,
        };
        continue;
      }
      yield {
        kind: 'object',
        file,
        line,
        docIndex,
        itemIndex: i,
        object: item,
        source: itemSource,
      };
    }
    return;
  }
  yield { kind: 'object', file, line, docIndex, object: value, source };
}

/** Turns a file's bytes into items, chunk by chunk. */
class FileReader {
  private readonly splitter: DocumentSplitter;
  private docIndex = 0;
  private failed = false;
  private first = true;
  private utf16?: TextDecoder;
  private pendingBytes: Buffer = Buffer.alloc(0);
  private bytesBefore = 0;
  private readonly json: boolean;
  private readonly jsonParts: string[] = [];

  constructor(
    private readonly file: string,
    maxDocumentChars: number,
  ) {
    this.splitter = new DocumentSplitter(maxDocumentChars);
    this.json = /\.json$/i.test(file);
  }

  get done(): boolean {
    return this.failed;
  }

  private fail(message: string, line?: number): ErrorItem[] {
    this.failed = true;
    return [{ kind: 'error', file: this.file, ...(line !== undefined ? { line } : {}), message }];
  }

  /** Text from bytes: UTF-8 checked as libyaml checks it, or UTF-16 after a byte order mark. */
  private decode(buf: Buffer, final: boolean): string | ErrorItem[] {
    if (this.first && buf.length >= 2) {
      if ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff)) {
        this.utf16 = new TextDecoder(buf[0] === 0xff ? 'utf-16le' : 'utf-16be');
      }
    }
    if (this.utf16) return this.utf16.decode(buf, { stream: !final });
    let bytes = this.pendingBytes.length > 0 ? Buffer.concat([this.pendingBytes, buf]) : buf;
    let end = bytes.length;
    if (!final) {
      // Hold back an incomplete UTF-8 sequence at the end for the next chunk.
      let k = end - 1;
      while (k >= 0 && k > end - 4 && (bytes[k] & 0xc0) === 0x80) k--;
      if (k >= 0 && bytes[k] >= 0xc0) {
        const need = bytes[k] >= 0xf0 ? 4 : bytes[k] >= 0xe0 ? 3 : 2;
        if (k + need > end) end = k;
      }
    }
    this.pendingBytes = end < bytes.length ? Buffer.from(bytes.subarray(end)) : Buffer.alloc(0);
    bytes = bytes.subarray(0, end);
    const nul = bytes.indexOf(0);
    const bad = nul !== -1 ? nul : isUtf8(bytes) ? -1 : firstInvalidUtf8(bytes);
    if (bad !== -1) {
      const line = this.linesDecoded() + countNewlines(bytes, bad);
      const what = nul !== -1 ? 'a NUL byte' : 'bytes that are not UTF-8';
      return this.fail(
        `the file contains ${what} (binary data?) at byte ${this.bytesBefore + bad}`,
        line,
      );
    }
    this.bytesBefore += bytes.length;
    // ASCII (most manifests) spells the same string in latin1, which V8 builds faster
    return isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
  }

  /** The line on which the text decoded so far ends (asked only for an error's position). */
  private linesDecoded(): number {
    return this.json ? countNewlinesIn(this.jsonParts.join('')) + 1 : this.splitter.line;
  }

  push(buf: Buffer): Iterable<ReadItem> {
    if (this.failed) return [];
    const text = this.decode(buf, false);
    return typeof text === 'string' ? this.pushText(text) : text;
  }

  /** Text already decoded (the first chunk may start with a byte order mark). */
  pushText(text: string): Iterable<ReadItem> {
    if (this.first && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    this.first = false;
    if (this.json) {
      this.jsonParts.push(text);
      return [];
    }
    return this.documents(this.splitter.push(text));
  }

  end(): Iterable<ReadItem> {
    if (this.failed) return [];
    const text =
      this.utf16 || this.pendingBytes.length > 0 ? this.decode(Buffer.alloc(0), true) : '';
    if (typeof text !== 'string') return text;
    if (this.json) {
      this.jsonParts.push(text);
      return this.jsonDocument(this.jsonParts.join(''));
    }
    return this.documents([...this.splitter.push(text), ...this.splitter.end()]);
  }

  /**
   * The items of the documents a chunk completed, decoded one document at a time as they are
   * taken: only one document's objects are alive at once, so they die young.
   */
  private *documents(docs: RawDocument[]): Generator<ReadItem> {
    for (const doc of docs) {
      if (doc.tooLarge) {
        yield {
          kind: 'error',
          file: this.file,
          line: doc.startLine,
          docIndex: this.docIndex++,
          message:
            'the document is larger than the reader accepts (the API server takes at most 3 MiB per request)',
        };
        continue;
      }
      yield* readDocument(this.file, doc, this.docIndex);
      // count only documents with content (an all-comment document is not one)
      if (hasContent(doc)) this.docIndex++;
    }
  }

  private jsonDocument(text: string): ReadItem[] {
    const source: DocumentSource = { file: this.file, line: 1, text };
    if (!/[^\s]/.test(text)) return [];
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      return [jsonError(this.file, text, e as Error)];
    }
    return [...objectsOf(this.file, value, 0, source, 1)];
  }
}

function countNewlines(bytes: Uint8Array, end: number): number {
  let n = 0;
  for (let i = bytes.indexOf(10); i !== -1 && i < end; i = bytes.indexOf(10, i + 1)) n++;
  return n;
}

function firstInvalidUtf8(bytes: Buffer): number {
  // Only called once isUtf8 has said no: find where, by halving.
  let lo = 0;
  let hi = bytes.length;
  while (hi - lo > 4) {
    const mid = (lo + hi) >> 1;
    let cut = mid;
    while (cut > lo && (bytes[cut] & 0xc0) === 0x80) cut--;
    if (isUtf8(bytes.subarray(0, cut))) lo = cut === lo ? mid : cut;
    else hi = cut;
  }
  return lo;
}

const CONTENT_LINE = /^(?![ \t]*(?:#|\r?$)|%|---[ \t]*(?:#|\r?$)|\.\.\.)/m;

function hasContent(doc: RawDocument): boolean {
  return CONTENT_LINE.test(doc.text);
}

/** A JSON file's error with a line and column (found by json-error.ts: V8 often gives none). */
function jsonError(file: string, text: string, e: Error): ErrorItem {
  const at = jsonErrorAt(text);
  if (!at) {
    const reason = e.message.split('\n')[0].replace(/, ".*$/, '');
    return { kind: 'error', file, message: `invalid JSON: ${reason}` };
  }
  const before = text.slice(0, at.offset);
  const line = countNewlinesIn(before) + 1;
  const column = at.offset - before.lastIndexOf('\n');
  return { kind: 'error', file, line, column, message: `invalid JSON: ${at.reason}` };
}

function countNewlinesIn(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i !== -1; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

/** The items of one YAML document. */
function readDocument(file: string, doc: RawDocument, docIndex: number): ReadItem[] {
  const block = decodeBlockYaml(doc.text);
  const source: DocumentSource = {
    file,
    line: doc.startLine,
    text: doc.text,
    block: block !== undefined,
  };
  let values: unknown[];
  try {
    values = block !== undefined ? [block] : decodeAnyYaml(doc.text);
  } catch (e) {
    if (!(e instanceof DocumentError)) throw e;
    let { line, column } = e;
    if (line === undefined && e.path !== undefined) {
      const at = positionOf(source, e.path);
      [line, column] = [at.line - doc.startLine + 1, at.column];
    }
    const where = e.path ? ` (at ${e.path})` : '';
    return [
      {
        kind: 'error',
        file,
        line: line !== undefined ? doc.startLine + line - 1 : contentLine(doc),
        ...(column !== undefined ? { column } : {}),
        docIndex,
        message: oneLine(`${e.message}${where}`),
      },
    ];
  }
  const out: ReadItem[] = [];
  const line = contentLine(doc);
  for (const value of values) {
    if (value === null) continue;
    out.push(...objectsOf(file, value, docIndex, source, line));
  }
  return out;
}

/**
 * The items of YAML (or, for a `.json` name, JSON) text: for text already in memory, such as
 * synthesized manifests.
 */
export function* parseText(file: string, text: string): Generator<ReadItem> {
  const reader = new FileReader(file, DEFAULT_MAX_DOCUMENT);
  yield* reader.pushText(text);
  yield* reader.end();
}

/** The items of a file's bytes (checked as UTF-8, or UTF-16 after a byte order mark). */
export function* parseBytes(file: string, bytes: Uint8Array): Generator<ReadItem> {
  const reader = new FileReader(file, DEFAULT_MAX_DOCUMENT);
  yield* reader.push(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  yield* reader.end();
}

function* readFd(file: string, fd: number, max: number): Generator<ReadItem> {
  const reader = new FileReader(file, max);
  const buf = Buffer.allocUnsafe(CHUNK);
  for (;;) {
    const n = readSync(fd, buf, 0, CHUNK, null);
    if (n === 0) break;
    // the text is taken out of the buffer before it is read into again
    yield* reader.push(buf.subarray(0, n));
    if (reader.done) return;
  }
  yield* reader.end();
}

function* readEntrySync(entry: PathEntry, opts: ReadOptions): Generator<ReadItem> {
  const max = opts.maxDocumentChars ?? DEFAULT_MAX_DOCUMENT;
  if (entry.kind === 'error' || entry.kind === 'skipped') {
    yield entry;
    return;
  }
  try {
    if (entry.kind === 'stdin') {
      const text = opts.readStdin ? opts.readStdin() : readFileSync(0, 'utf8');
      yield* parseText('-', text);
      return;
    }
    const fd = openSync(entry.file, 'r');
    try {
      yield* readFd(entry.file, fd, max);
    } finally {
      closeSync(fd);
    }
  } catch (e) {
    yield { kind: 'error', file: entry.file, message: `cannot read: ${fsErrorMessage(e)}` };
  }
}

/** Reads files, folders, or `-` (standard input), one item at a time, synchronously. */
export function* readObjectsSync(
  paths: readonly string[],
  opts: ReadOptions = {},
): Generator<ReadItem> {
  for (const entry of expandPaths(paths)) yield* readEntrySync(entry, opts);
}

/**
 * Reads files, folders, or `-` (standard input, streamed), one item at a time: items of a
 * document come as soon as the document has been read.
 */
export async function* readObjects(
  paths: readonly string[],
  opts: ReadOptions = {},
): AsyncGenerator<ReadItem> {
  const max = opts.maxDocumentChars ?? DEFAULT_MAX_DOCUMENT;
  for (const entry of expandPaths(paths)) {
    if (entry.kind === 'error' || entry.kind === 'skipped') {
      yield entry;
      continue;
    }
    if (entry.kind === 'stdin' && opts.readStdin) {
      yield* parseText('-', opts.readStdin());
      continue;
    }
    const reader = new FileReader(entry.file, max);
    const stream =
      entry.kind === 'stdin'
        ? process.stdin
        : createReadStream(entry.file, { highWaterMark: CHUNK });
    try {
      for await (const chunk of stream) {
        yield* reader.push(chunk as Buffer);
        if (reader.done) break;
      }
      yield* reader.end();
    } catch (e) {
      yield { kind: 'error', file: entry.file, message: `cannot read: ${fsErrorMessage(e)}` };
    } finally {
      if (entry.kind !== 'stdin') (stream as ReturnType<typeof createReadStream>).destroy();
    }
  }
}

export { formatPath, positionOf };
