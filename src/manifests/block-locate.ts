/**
 * positionOf's fast path, for documents in the block shape block-decode.ts reads: the field
 * path is followed line by line, reading only the lines of the mappings and sequences on the
 * path. In that shape a value's lines are always more indented than its key or dash, so the
 * lines of every other value are passed over by their indentation alone. A quoted key on the
 * path's mappings gives up (GIVE_UP), and so does a path into a flow collection (INTO_FLOW);
 * positionOf then asks the `yaml` package.
 */
import { Entry, Walkable, tokens, walk } from './field-walk';
import type { FieldPosition } from './position';
import { isDashAt, plainKeyEnd } from './block-decode';

export const GIVE_UP = Symbol('give up');
export const INTO_FLOW = Symbol('into flow');

/**
 * A value on the path: where its key or dash is (`col`, and the line from `ls` to `le`, the
 * `no`th of the document) and where its text starts on that line (`from`); or a mapping whose
 * keys are at `col` (the first at offset `from`), a sequence whose dashes are at `col`, or a
 * scalar or flow collection.
 */
interface Node {
  readonly type: 'value' | 'map' | 'seq' | 'scalar' | 'flow';
  readonly col: number;
  readonly ls: number;
  readonly le: number;
  readonly no: number;
  readonly from: number;
}

const SPACE = 32;
const HASH = 35;
const SCALAR: Node = { type: 'scalar', col: 0, ls: 0, le: 0, no: 0, from: 0 };
const FLOW: Node = { type: 'flow', col: 0, ls: 0, le: 0, no: 0, from: 0 };

class Lines {
  /** The current content line: start, end (exclusive), indentation, 0-based number. */
  ls = 0;
  le = 0;
  ind = 0;
  no = 0;
  eof = false;

  constructor(private readonly s: string) {}

  /** Makes the first line at or after the one starting at `start` that has content current. */
  seek(start: number, no: number): void {
    const s = this.s;
    while (start < s.length) {
      let end = s.indexOf('\n', start);
      if (end === -1) end = s.length;
      let i = start;
      while (s.charCodeAt(i) === SPACE) i++;
      if (i !== end && s.charCodeAt(i) !== HASH) {
        this.ls = start;
        this.le = end;
        this.ind = i - start;
        this.no = no;
        this.eof = false;
        return;
      }
      start = end + 1;
      no++;
    }
    this.eof = true;
  }

  next(): void {
    this.seek(this.le + 1, this.no + 1);
  }

  /** Past the lines more indented than `col` (the current value's own lines). */
  skipDeeper(col: number): void {
    this.next();
    while (!this.eof && this.ind > col) this.next();
  }

  isDash(i: number): boolean {
    return isDashAt(this.s, i, this.le);
  }

  node(type: 'map' | 'seq' | 'value', col: number, from: number): Node {
    return { type, col, ls: this.ls, le: this.le, no: this.no, from };
  }

  /** The mapping or sequence whose first key or dash starts the current line. */
  block(): Node {
    const first = this.ls + this.ind;
    return this.node(this.isDash(first) ? 'seq' : 'map', this.ind, first);
  }
}

class BlockLocator implements Walkable<Node> {
  private readonly lines: Lines;

  constructor(
    private readonly s: string,
    /** The 1-based line of the file on which the document starts. */
    private readonly line: number,
  ) {
    this.lines = new Lines(s);
  }

  /** The document's top mapping, and where it starts. */
  root(): { node: Node; at: { line: number; column: number } } {
    const lines = this.lines;
    lines.seek(0, 0);
    if (!lines.eof && this.s.startsWith('---', lines.ls)) lines.next();
    if (lines.eof) throw GIVE_UP;
    return { node: lines.node('map', 0, lines.ls), at: this.at(lines.no, 0) };
  }

  pairs(node: Node): readonly Entry<Node>[] | undefined {
    const n = this.resolve(node);
    if (n.type === 'flow') throw INTO_FLOW;
    if (n.type !== 'map') return undefined;
    const { s, lines } = this;
    const out: Entry<Node>[] = [];
    lines.seek(n.ls, n.no);
    let k = n.from;
    for (;;) {
      const end = plainKeyEnd(s, k, lines.le);
      if (end === -1) throw GIVE_UP; // a quoted key
      const value = lines.node('value', n.col, end);
      out.push({ key: s.slice(k, end - 1), at: this.at(lines.no, n.col), node: value });
      // the next key: past the value's lines, and past a sequence at the key's own column
      lines.skipDeeper(n.col);
      while (!lines.eof && lines.ind === n.col && lines.isDash(lines.ls + n.col)) {
        lines.skipDeeper(n.col);
      }
      if (lines.eof || lines.ind < n.col) return out;
      k = lines.ls + n.col;
    }
  }

  items(node: Node): readonly Entry<Node>[] | undefined {
    const n = this.resolve(node);
    if (n.type === 'flow') throw INTO_FLOW;
    if (n.type !== 'seq') return undefined;
    const { s, lines } = this;
    const out: Entry<Node>[] = [];
    lines.seek(n.ls, n.no);
    for (;;) {
      const { ls, le, no } = lines;
      let j = ls + n.col + 1;
      while (j < le && s.charCodeAt(j) === SPACE) j++;
      if (j === le || s.charCodeAt(j) === HASH) {
        // the item is on the lines below: a mapping or a sequence (block-decode reads no null item)
        lines.next();
        out.push({ at: this.at(lines.no, lines.ind), node: lines.block() });
      } else {
        const child =
          plainKeyEnd(s, j, le) !== -1 ? lines.node('map', j - ls, j) : this.scalarOrFlow(j, le);
        out.push({ at: this.at(no, j - ls), node: child });
      }
      lines.skipDeeper(n.col);
      if (lines.eof || lines.ind !== n.col || !lines.isDash(lines.ls + n.col)) return out;
    }
  }

  /** What a key's value is, from the text after its colon and the lines below. */
  private resolve(node: Node): Node {
    if (node.type !== 'value') return node;
    const { s, lines } = this;
    let j = node.from;
    while (j < node.le && s.charCodeAt(j) === SPACE) j++;
    if (j < node.le && s.charCodeAt(j) !== HASH) return this.scalarOrFlow(j, node.le);
    lines.seek(node.le + 1, node.no + 1);
    if (lines.eof) return SCALAR;
    // deeper lines, or a sequence at the key's own column
    const below =
      lines.ind > node.col || (lines.ind === node.col && lines.isDash(lines.ls + lines.ind));
    return below ? lines.block() : SCALAR;
  }

  /** A value written on its line: a flow collection, or a scalar (a quoted key gives up). */
  private scalarOrFlow(j: number, le: number): Node {
    const c = this.s.charCodeAt(j);
    if (c === 91 || c === 123) return FLOW;
    if ((c === 34 || c === 39) && /^(["'])(?:(?!\1).)*\1:(?: |$)/.test(this.s.slice(j, le))) {
      throw GIVE_UP;
    }
    return SCALAR;
  }

  private at(no: number, col: number): { line: number; column: number } {
    return { line: this.line + no, column: col + 1 };
  }
}

/**
 * The position of `path` in `text`, a document block-decode.ts reads, whose first line is line
 * `line` of its file; throws GIVE_UP or INTO_FLOW where the `yaml` package must answer.
 */
export function blockPositionOf(text: string, line: number, path: string): FieldPosition {
  const locator = new BlockLocator(text, line);
  const { node, at } = locator.root();
  return walk(locator, node, at, tokens(path));
}
