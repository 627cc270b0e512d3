/**
 * positionOf's fast path for the YAML most manifests are: block mappings and sequences with
 * plain keys, one line per key. The document's lines are read once into a tree of keys and
 * items with their positions; a document outside that shape (anchors, aliases, tags, quoted
 * keys, explicit keys, merge keys, a quoted or flow scalar over several lines, nested `- -`)
 * gives undefined, and positionOf parses it with the `yaml` package instead.
 */
import { resolvePlain } from './go-scalars';

/** A node of the tree: a mapping, a sequence, or a leaf (a scalar or a flow collection). */
export type Node =
  | { readonly type: 'map'; readonly pairs: Pair[] }
  | { readonly type: 'seq'; readonly items: Item[] }
  | { readonly type: 'leaf' }
  /** A flow collection: what is inside it is not read here. */
  | { readonly type: 'flow' };

export interface Pair {
  readonly key: string;
  readonly line: number;
  readonly col: number;
  readonly value: Node;
}

export interface Item {
  readonly line: number;
  readonly col: number;
  readonly value: Node;
}

/** One line that carries structure: an optional `- ` and an optional `key:`, then a value. */
interface Line {
  readonly line: number;
  readonly indent: number;
  readonly dash: boolean;
  /** Column (0-based) of the key, or of the value after `- `. */
  readonly col: number;
  readonly key?: string;
  /** What follows on the line: nothing, a scalar, a flow collection, a block scalar header. */
  readonly value: 'none' | 'scalar' | 'flow';
}

export interface Root {
  readonly line: number;
  readonly col: number;
  readonly node: Node;
}

/** Thrown (without a stack, which would cost more than the read) for what is left to `yaml`. */
const UNSUPPORTED = Symbol('unsupported');
const unsupported = (): never => {
  throw UNSUPPORTED;
};

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_./-]*$/;
const BLOCK_HEADER = /^[|>][-+0-9]*[ \t]*(?:#.*)?$/;

/** The end (exclusive) of a quoted scalar starting at `i`, or -1 when it is not closed on the line. */
function quotedEnd(s: string, i: number): number {
  const q = s[i];
  for (let j = i + 1; j < s.length; j++) {
    if (q === '"' && s[j] === '\\') j++;
    else if (s[j] === q) {
      if (q === "'" && s[j + 1] === "'") j++;
      else return j + 1;
    }
  }
  return -1;
}

/** The end (exclusive) of a flow collection starting at `i`, or -1 when it is not closed on the line. */
function flowEnd(s: string, i: number): number {
  let depth = 0;
  for (let j = i; j < s.length; j++) {
    const c = s[j];
    if (c === '"' || c === "'") {
      const end = quotedEnd(s, j);
      if (end === -1) return -1;
      j = end - 1;
    } else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      if (--depth === 0) return j + 1;
    } else if (c === '#' && (s[j - 1] === ' ' || s[j - 1] === '\t')) return -1;
  }
  return -1;
}

const restIsComment = (s: string, i: number) => /^[ \t]*(?:#.*)?$/.test(s.slice(i));

/**
 * The kind of value that starts at `i` of line `s` (to its end): `none`, a `scalar` on this
 * line, a `flow` collection, or `block` for `|`/`>`; throws for what the fast path leaves alone.
 */
function valueAt(s: string, i: number): 'none' | 'scalar' | 'flow' | 'block' {
  while (s[i] === ' ') i++;
  const c = s[i];
  if (c === undefined || c === '#') return 'none';
  if (c === '&' || c === '*' || c === '!' || c === '?' || c === '%' || c === '@' || c === '`') {
    return unsupported();
  }
  if (c === '"' || c === "'") {
    const end = quotedEnd(s, i);
    return end !== -1 && restIsComment(s, end) ? 'scalar' : unsupported();
  }
  if (c === '{' || c === '[') {
    const end = flowEnd(s, i);
    return end !== -1 && restIsComment(s, end) ? 'flow' : unsupported();
  }
  if (c === '|' || c === '>') return BLOCK_HEADER.test(s.slice(i)) ? 'block' : unsupported();
  if (c === '-' && (s[i + 1] === ' ' || s[i + 1] === undefined)) return unsupported();
  if (c === '\t') return unsupported();
  return 'scalar';
}

/** `key:` at `i` of `s`: the key and where its value starts, or undefined when `s` has no key there. */
function keyAt(s: string, i: number): { key: string; next: number } | undefined {
  for (let j = i; j < s.length; j++) {
    const c = s[j];
    if (c === '#' && (s[j - 1] === ' ' || s[j - 1] === '\t')) return undefined;
    if (c === ':' && (j + 1 === s.length || s[j + 1] === ' ' || s[j + 1] === '\t')) {
      const key = s.slice(i, j).replace(/[ \t]+$/, '');
      if (!PLAIN_KEY.test(key) || resolvePlain(key) !== key) return unsupported();
      return { key, next: j + 1 };
    }
  }
  return undefined;
}

/** The structural lines of a document; lines inside scalars are left out. */
function linesOf(text: string): Line[] {
  const out: Line[] = [];
  /** Lines more indented than this belong to the previous line's scalar. */
  let opaqueAbove = -1;
  let lineNo = 0;
  for (let start = 0; start <= text.length; lineNo++) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const s = text.charCodeAt(end - 1) === 13 ? text.slice(start, end - 1) : text.slice(start, end);
    start = end + 1;
    let indent = 0;
    while (s.charCodeAt(indent) === 32) indent++;
    const c = s[indent];
    if (c === undefined || c === '#') continue;
    if (opaqueAbove >= 0 && indent > opaqueAbove) continue;
    opaqueAbove = -1;
    if (c === '\t') return unsupported();
    if (indent === 0 && (s.startsWith('---') || s.startsWith('...'))) {
      // a marker before the content, not a second document
      if (out.length === 0 && /^(?:---|\.\.\.)[ \t]*(?:#.*)?$/.test(s)) continue;
      return unsupported();
    }
    let i = indent;
    const dash = c === '-' && (s[i + 1] === ' ' || s[i + 1] === undefined);
    if (dash) {
      i++;
      while (s[i] === ' ') i++;
      if (i === s.length || s[i] === '#') {
        out.push({ line: lineNo, indent, dash, col: i, value: 'none' });
        continue;
      }
    }
    const c2 = s[i];
    const k = c2 === '{' || c2 === '[' || c2 === '"' || c2 === "'" ? undefined : keyAt(s, i);
    const value = valueAt(s, k ? k.next : i);
    if (!k && !dash) return unsupported(); // a scalar on its own line
    if (value === 'block' || value === 'scalar' || value === 'flow') {
      // what follows, more indented than its owner, is the scalar's text
      opaqueAbove = k ? i : indent;
    }
    out.push({
      line: lineNo,
      indent,
      dash,
      col: i,
      ...(k ? { key: k.key } : {}),
      value: value === 'block' ? 'scalar' : value,
    });
  }
  return out;
}

const leaf = (l: Line): Node => ({ type: l.value === 'flow' ? 'flow' : 'leaf' });

/** Builds the tree from the structural lines, checking the indentation as YAML requires. */
class TreeBuilder {
  private i = 0;
  constructor(private readonly lines: readonly Line[]) {}

  root(): Root {
    const first = this.lines[0];
    if (!first || first.dash || first.key === undefined || first.indent !== 0) return unsupported();
    const node = this.map(0);
    if (this.i !== this.lines.length) return unsupported();
    return { line: first.line, col: first.col, node };
  }

  /** The mapping whose keys are at `col`; the first key may follow a `- ` on its line. */
  private map(col: number): Node {
    const pairs: Pair[] = [];
    for (let first = true; this.i < this.lines.length; first = false) {
      const l = this.lines[this.i];
      if (l.key === undefined || l.col !== col || (!first && l.dash)) break;
      this.i++;
      pairs.push({ key: l.key, line: l.line, col: l.col, value: this.valueAfter(l, col, true) });
    }
    return { type: 'map', pairs };
  }

  /** The sequence whose dashes are at `col`. */
  private seq(col: number): Node {
    const items: Item[] = [];
    while (this.i < this.lines.length) {
      const l = this.lines[this.i];
      if (!l.dash || l.indent !== col) break;
      if (l.key !== undefined) {
        items.push({ line: l.line, col: l.col, value: this.map(l.col) });
        continue;
      }
      this.i++;
      if (l.value !== 'none') {
        items.push({ line: l.line, col: l.col, value: leaf(l) });
        continue;
      }
      const next = this.lines[this.i];
      if (!next || next.indent <= col) return unsupported(); // a null item
      items.push({ line: next.line, col: next.indent, value: this.valueAfter(l, col, false) });
    }
    return { type: 'seq', items };
  }

  /** The value of a key (at `col`) or of a bare `-` (at `col`), from the lines that follow. */
  private valueAfter(l: Line, col: number, isKey: boolean): Node {
    if (l.value !== 'none') return leaf(l);
    const next = this.lines[this.i];
    if (!next) return { type: 'leaf' };
    // a mapping's value may be a sequence at the key's own indentation
    if (isKey && next.dash && next.indent === col) return this.seq(col);
    if (next.indent <= col) return { type: 'leaf' };
    if (next.dash) return this.seq(next.indent);
    if (next.indent !== next.col) return unsupported();
    return this.map(next.col);
  }
}

/** The tree of a document's text, or undefined when it is not in the shape this file reads. */
export function blockTree(text: string): Root | undefined {
  if (/\r(?!\n)/.test(text)) return undefined; // a lone CR breaks lines too
  try {
    return new TreeBuilder(linesOf(text)).root();
  } catch (e) {
    if (e === UNSUPPORTED) return undefined;
    throw e;
  }
}
