/**
 * decodeYaml's fast path for the YAML most manifests are: block mappings and sequences with
 * plain or simply quoted keys, one-line plain and quoted scalars, one-line flow collections and
 * literal block scalars. It reads a document's lines once and builds the JSON value directly,
 * resolving plain scalars with goyaml.v2's rules (go-scalars.ts), which is several times faster
 * than js-yaml's general parser.
 *
 * It is strict, never lenient: anything outside that shape or that YAML might read another way
 * (anchors, aliases, tags, escapes, folded or multi-line scalars, tabs, line breaks other than
 * `\n`, odd indentation, comments inside a scalar's indentation, keys that do not resolve to
 * themselves) gives undefined, and the general path (js-yaml and goyaml.v2's conversion)
 * decides, errors included. test/manifests/block-decode.test.ts holds it to that path's result
 * on generated and mutated documents.
 */
import { GoScalar, resolvePlain } from './go-scalars';

/** Thrown (without a stack) when the document is left to the general path. */
const GENERAL = Symbol('general path');
const general = (): never => {
  throw GENERAL;
};

/**
 * What the fast path reads: printable characters with `\n` line breaks. Tabs, CR, NEL, the
 * Unicode line separators, a byte order mark, surrogates and js-yaml's non-printables are not.
 */
const OUTSIDE = /[^\n\x20-\x7E\u00A0-\u2027\u202A-\uD7FF\uE000-\uFEFE\uFF00-\uFFFD]/;

/** Nesting deeper than this goes to the general path (which has the real limit). */
const MAX_NESTING = 64;

const SPACE = 32;
const HASH = 35;
const COLON = 58;
const DASH = 45;
const DQUOTE = 34;
const SQUOTE = 39;
const BACKSLASH = 92;

/** A plain key: letters, digits, `_`, `.`, `/` and `-` (not first). */
const PLAIN_KEY = /[A-Za-z0-9_./][A-Za-z0-9_./-]*/y;
/** A plain scalar inside a flow collection, up to what ends it. */
const FLOW_PLAIN = /[^,[\]{}:#\n]*/y;

/** Characters that end a plain scalar inside a flow collection, or may not start one. */
const FLOW_STOP = new Uint8Array(128);
for (const ch of ',[]{}:#') FLOW_STOP[ch.charCodeAt(0)] = 1;

/** First characters of a block scalar value that the fast path leaves to the general path. */
const NOT_PLAIN_START = new Uint8Array(128);
for (const ch of '&*!%@`?:,]}>#') NOT_PLAIN_START[ch.charCodeAt(0)] = 1;

/** Past the colon at `j` that ends a key (followed by a space or the line's end `le`), or -1. */
function colonEnd(s: string, j: number, le: number): number {
  if (s.charCodeAt(j) !== COLON) return -1;
  return j + 1 < le && s.charCodeAt(j + 1) !== SPACE ? -1 : j + 1;
}

/** The end (past the colon) of a plain `key:` at offset `i` of a line that ends at `le`, or -1. */
export function plainKeyEnd(s: string, i: number, le: number): number {
  PLAIN_KEY.lastIndex = i;
  return PLAIN_KEY.test(s) ? colonEnd(s, PLAIN_KEY.lastIndex, le) : -1;
}

/** Whether a block sequence's `- ` (or a bare `-` at the line's end `le`) is at offset `i`. */
export function isDashAt(s: string, i: number, le: number): boolean {
  return s.charCodeAt(i) === DASH && (i + 1 === le || s.charCodeAt(i + 1) === SPACE);
}

/** A plain scalar's JSON value as goyaml.v2 and sigs.k8s.io/yaml give it. */
function plainValue(text: string): unknown {
  const v = resolvePlain(text);
  if (v instanceof GoScalar) {
    try {
      return v.toJsonValue();
    } catch {
      return general(); // the general path words the error
    }
  }
  return v;
}

/** A key read as a plain scalar must resolve to itself (`on`, `1`, `~` do not). */
function plainKey(text: string): string {
  if (text === '__proto__' || resolvePlain(text) !== text) return general();
  return text;
}

class BlockDecoder {
  private readonly n: number;
  /** The current content line: its start, end (exclusive) and indentation. */
  private ls = 0;
  private le = 0;
  private ind = -1;
  private eof = false;
  /** The deepest indentation of a comment line skipped on the way to the current line. */
  private commentIndent = -1;
  private depth = 0;
  /** A `---` line may come before the content, and nowhere else. */
  private markerAllowed = true;

  constructor(private readonly s: string) {
    this.n = s.length;
  }

  decode(): Record<string, unknown> {
    const s = this.s;
    this.load(0);
    this.markerAllowed = false;
    if (!this.eof && this.ind === 0 && s.startsWith('---', this.ls)) {
      this.restIsComment(this.ls + 3);
      this.nextLine();
    }
    if (this.eof || this.ind !== 0) return general();
    const out = this.mapping(0, this.ls);
    if (!this.eof) return general();
    return out;
  }

  /** Makes the first line at or after `start` that is not blank or a comment current. */
  private load(start: number): void {
    const s = this.s;
    this.commentIndent = -1;
    while (start < this.n) {
      let end = s.indexOf('\n', start);
      if (end === -1) end = this.n;
      let i = start;
      while (s.charCodeAt(i) === SPACE) i++;
      if (i === end) {
        start = end + 1;
        continue;
      }
      if (s.charCodeAt(i) === HASH) {
        if (i - start > this.commentIndent) this.commentIndent = i - start;
        start = end + 1;
        continue;
      }
      if (i === start && (s.startsWith('---', i) || s.startsWith('...', i))) {
        if (!this.markerAllowed || s.charCodeAt(i) !== DASH) general();
      }
      this.ls = start;
      this.le = end;
      this.ind = i - start;
      return;
    }
    this.eof = true;
    this.ind = -1;
  }

  private nextLine(): void {
    this.load(this.le + 1);
  }

  /** From `i` to the end of the line there may be spaces, then a comment after a space. */
  private restIsComment(i: number): void {
    const s = this.s;
    const from = i;
    while (i < this.le && s.charCodeAt(i) === SPACE) i++;
    if (i === this.le) return;
    if (s.charCodeAt(i) !== HASH || i === from) general();
  }

  private isDash(i: number): boolean {
    return isDashAt(this.s, i, this.le);
  }

  private enter(): void {
    if (++this.depth > MAX_NESTING) general();
  }

  /** The end of the `key:` starting at `i`, past the colon, or -1 when no key starts there. */
  private keyEnd(i: number): number {
    const s = this.s;
    const c = s.charCodeAt(i);
    if (c !== DQUOTE && c !== SQUOTE) return plainKeyEnd(s, i, this.le);
    const j = s.indexOf(c === DQUOTE ? '"' : "'", i + 1);
    return j === -1 || j >= this.le ? -1 : colonEnd(s, j + 1, this.le);
  }

  /** The key text between `i` and its colon (`end` is past the colon). */
  private keyText(i: number, end: number): string {
    const s = this.s;
    const c = s.charCodeAt(i);
    if (c === DQUOTE || c === SQUOTE) {
      const inner = s.slice(i + 1, end - 2);
      // an escape or a doubled quote is left to the general path
      if (inner.includes('\\') || inner.includes("'")) return general();
      return inner === '__proto__' ? general() : inner;
    }
    return plainKey(s.slice(i, end - 1));
  }

  /** The block mapping whose keys are at column `col`; the first key is at offset `at`. */
  private mapping(col: number, at: number): Record<string, unknown> {
    this.enter();
    const s = this.s;
    const out: Record<string, unknown> = {};
    for (;;) {
      const end = this.keyEnd(at);
      if (end === -1) return general();
      const key = this.keyText(at, end);
      let j = end;
      while (j < this.le && s.charCodeAt(j) === SPACE) j++;
      let value: unknown;
      if (j === this.le || s.charCodeAt(j) === HASH) {
        this.nextLine();
        value = this.nested(col, true);
      } else {
        value = this.inline(j, col);
      }
      out[key] = value;
      if (this.eof || this.ind < col) break;
      if (this.ind > col) return general();
      at = this.ls + col;
    }
    this.depth--;
    return out;
  }

  /** The block sequence whose dashes are at column `col`. */
  private sequence(col: number): unknown[] {
    this.enter();
    const s = this.s;
    const out: unknown[] = [];
    for (;;) {
      let j = this.ls + col + 1;
      while (j < this.le && s.charCodeAt(j) === SPACE) j++;
      if (j === this.le || s.charCodeAt(j) === HASH) {
        this.nextLine();
        if (this.eof || this.ind <= col) return general(); // a null item
        out.push(this.nested(col, false));
      } else if (this.isDash(j)) {
        return general(); // a sequence in a sequence
      } else if (this.keyEnd(j) !== -1) {
        out.push(this.mapping(j - this.ls, j));
      } else {
        out.push(this.inline(j, col));
      }
      if (this.eof || this.ind < col) break;
      if (this.ind > col) return general();
      if (!this.isDash(this.ls + col)) break; // the next key of the mapping that holds it
    }
    this.depth--;
    return out;
  }

  /**
   * The value on the lines after a key or a bare dash at column `col`: a deeper mapping or
   * sequence, a sequence at the key's own column (`seqAtColumn`), or null.
   */
  private nested(col: number, seqAtColumn: boolean): unknown {
    if (this.eof) return null;
    const first = this.ls + this.ind;
    if (this.ind > col) {
      return this.isDash(first) ? this.sequence(this.ind) : this.mapping(this.ind, first);
    }
    if (this.ind === col && seqAtColumn && this.isDash(first)) return this.sequence(col);
    return null;
  }

  /** A value that starts at offset `j` of the current line, whose owner is at column `col`. */
  private inline(j: number, col: number): unknown {
    const s = this.s;
    const c = s.charCodeAt(j);
    let value: unknown;
    if (c === DQUOTE || c === SQUOTE) {
      const end = this.quotedEnd(j);
      value = this.quotedText(j, end);
      this.restIsComment(end);
    } else if (c === 91 || c === 123) {
      this.enter();
      const end = { at: 0 };
      value = this.flowNode(j, end);
      this.depth--;
      this.restIsComment(end.at);
    } else if (c === 124) {
      return this.literal(j, col);
    } else {
      if ((c < 128 && NOT_PLAIN_START[c] === 1) || this.isDash(j)) return general();
      value = plainValue(this.plainText(j));
    }
    this.nextLine();
    // a comment line inside the value's indentation might continue a scalar
    if (this.commentIndent > col) return general();
    return value;
  }

  /** A plain scalar in block context from `j` to its end on the line, without a comment. */
  private plainText(j: number): string {
    // slices, so that no search runs past the line
    const line = this.s.slice(j, this.le);
    const hash = line.indexOf(' #');
    let end = hash === -1 ? line.length : hash;
    while (line.charCodeAt(end - 1) === SPACE) end--;
    const text = end === line.length ? line : line.slice(0, end);
    // `a: b` on one line, or `a:` at its end: a mapping where a scalar should be
    if (text.includes(': ') || text.charCodeAt(text.length - 1) === COLON) return general();
    return text;
  }

  /** The end (past the closing quote) of a quoted scalar at `j`, closed on its line. */
  private quotedEnd(j: number): number {
    const s = this.s;
    if (s.charCodeAt(j) === DQUOTE) {
      const close = s.indexOf('"', j + 1);
      if (close === -1 || close >= this.le) return general(); // continues on the next line
      for (let k = j + 1; k < close; k++) {
        if (s.charCodeAt(k) === BACKSLASH) return general(); // escapes: the general path
      }
      return close + 1;
    }
    for (let k = s.indexOf("'", j + 1); k !== -1 && k < this.le; k = s.indexOf("'", k + 2)) {
      if (s.charCodeAt(k + 1) !== SQUOTE) return k + 1;
    }
    return general();
  }

  private quotedText(j: number, end: number): string {
    const inner = this.s.slice(j + 1, end - 1);
    return this.s.charCodeAt(j) === SQUOTE ? inner.replace(/''/g, "'") : inner;
  }

  /** A literal block scalar (`|`, `|-`) whose header is at `j`; its owner is at column `col`. */
  private literal(j: number, col: number): string {
    const s = this.s;
    let h = j + 1;
    const strip = s.charCodeAt(h) === DASH;
    if (strip) h++;
    this.restIsComment(h);
    let p = this.le + 1;
    let textIndent = -1;
    let text = '';
    let breaks = 0;
    let lastEnd = -1;
    while (p < this.n) {
      let e = s.indexOf('\n', p);
      if (e === -1) e = this.n;
      let i = p;
      while (i < e && s.charCodeAt(i) === SPACE) i++;
      const indent = i - p;
      if (i === e) {
        // an empty line: spaces beyond the content's indentation would be content
        if (indent > 0 && (textIndent === -1 || indent > textIndent)) return general();
        breaks++;
        p = e + 1;
        continue;
      }
      if (textIndent === -1) {
        if (indent <= col) return general(); // an empty scalar
        textIndent = indent;
      } else if (indent < textIndent) {
        break;
      }
      text +=
        (lastEnd === -1 ? '\n'.repeat(breaks) : '\n'.repeat(breaks + 1)) +
        s.slice(p + textIndent, e);
      breaks = 0;
      lastEnd = e;
      p = e + 1;
    }
    // no content, or a last line without its line break: the general path
    if (lastEnd === -1 || lastEnd === this.n) return general();
    this.load(p);
    return strip ? text : `${text}\n`;
  }

  /** A node inside a flow collection at offset `k`; `end.at` is set past it. */
  private flowNode(k: number, end: { at: number }): unknown {
    const s = this.s;
    const c = s.charCodeAt(k);
    if (c === 91 || c === 123) {
      this.enter();
      const closing = c === 91 ? 93 : 125;
      const out: unknown[] | Record<string, unknown> = c === 91 ? [] : {};
      let i = this.skipSpaces(k + 1);
      if (s.charCodeAt(i) === closing) {
        end.at = i + 1;
      } else {
        for (;;) {
          if (c === 91) {
            (out as unknown[]).push(this.flowNode(i, end));
          } else {
            const keyEnd = this.keyEnd(i);
            if (keyEnd === -1) return general();
            const key = this.keyText(i, keyEnd);
            if (keyEnd === this.le) return general();
            (out as Record<string, unknown>)[key] = this.flowNode(this.skipSpaces(keyEnd), end);
          }
          i = this.skipSpaces(end.at);
          const sep = s.charCodeAt(i);
          if (sep === closing) {
            end.at = i + 1;
            break;
          }
          if (sep !== 44) return general();
          i = this.skipSpaces(i + 1);
          if (s.charCodeAt(i) === closing) return general(); // a trailing comma
        }
      }
      this.depth--;
      return out;
    }
    if (c === DQUOTE || c === SQUOTE) {
      const e = this.quotedEnd(k);
      end.at = e;
      return this.quotedText(k, e);
    }
    if (k >= this.le || (c < 128 && (FLOW_STOP[c] === 1 || NOT_PLAIN_START[c] === 1))) {
      return general();
    }
    const next = s.charCodeAt(k + 1);
    if (
      c === 124 ||
      (c === DASH && (k + 1 === this.le || next === SPACE || FLOW_STOP[next] === 1))
    ) {
      return general();
    }
    FLOW_PLAIN.lastIndex = k;
    FLOW_PLAIN.test(s);
    const stop = s.charCodeAt(FLOW_PLAIN.lastIndex);
    if (stop === COLON || stop === HASH || FLOW_PLAIN.lastIndex >= this.le) return general();
    let last = FLOW_PLAIN.lastIndex;
    while (s.charCodeAt(last - 1) === SPACE) last--;
    end.at = last;
    return plainValue(s.slice(k, last));
  }

  private skipSpaces(i: number): number {
    while (i < this.le && this.s.charCodeAt(i) === SPACE) i++;
    return i;
  }
}

/**
 * The JSON value of a one-document YAML text in the shape the fast path reads (a block mapping
 * at the top), or undefined when the general path must read it.
 */
export function decodeBlockYaml(text: string): Record<string, unknown> | undefined {
  if (OUTSIDE.test(text)) return undefined;
  try {
    return new BlockDecoder(text).decode();
  } catch (e) {
    if (e === GENERAL) return undefined;
    throw e;
  }
}
