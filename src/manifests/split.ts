/**
 * Splits a YAML stream into documents as text arrives, without parsing it: a document ends
 * before a `---` line or after a `...` line (both at column 0, followed by a space, a tab or
 * the end of the line, as the YAML spec and libyaml's scanner read them in every context).
 * Only the current document is held, so memory is bounded by the largest document.
 * Each document is then parsed on its own (a document that the splitter did not split, e.g.
 * after a bare carriage-return line break, is still split by the parser).
 */

/** One document's text and the 1-based line of the file its text starts on. */
export interface RawDocument {
  readonly text: string;
  readonly startLine: number;
  /** Set when the document was dropped for being larger than the limit. */
  readonly tooLarge?: boolean;
}

const MARKER = /^(?:---|\.\.\.)(?=[ \t\r\n]|$)/gm;

function countLines(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = s.indexOf('\n', from); i !== -1 && i < to; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

export class DocumentSplitter {
  private parts: string[] = [];
  private size = 0;
  private tooLarge = false;
  private startLine = 1;
  private lineNo = 1;
  private carry = '';

  /** The 1-based line on which the text pushed so far ends. */
  get line(): number {
    return this.lineNo;
  }

  /** @param maxDocumentChars a document longer than this is dropped and reported. */
  constructor(private readonly maxDocumentChars = Infinity) {}

  /** Feeds decoded text; returns the documents it completes. */
  push(chunk: string): RawDocument[] {
    const firstNl = chunk.indexOf('\n');
    if (firstNl === -1) {
      this.carry += chunk;
      // A huge line: keep the carry bounded by the limit (its document is too large anyway).
      if (this.carry.length > this.maxDocumentChars) {
        this.tooLarge = true;
        this.carry = '';
      }
      return [];
    }
    // The carried line is completed on its own, so that the chunk is not copied into one string
    // with it: the documents of the chunk stay slices of the chunk.
    const head = this.carry + chunk.slice(0, firstNl + 1);
    const lastNl = chunk.lastIndexOf('\n');
    this.carry = chunk.slice(lastNl + 1);
    const out = this.process(head);
    if (lastNl > firstNl) {
      for (const doc of this.process(chunk.slice(firstNl + 1, lastNl + 1))) out.push(doc);
    }
    return out;
  }

  /** The end of the stream: the last document. */
  end(): RawDocument[] {
    const out = this.process(this.carry);
    this.carry = '';
    const last = this.flush();
    if (last) out.push(last);
    return out;
  }

  private add(piece: string): void {
    if (this.tooLarge || piece === '') return;
    this.size += piece.length;
    if (this.size > this.maxDocumentChars) {
      this.tooLarge = true;
      this.parts = [];
      return;
    }
    this.parts.push(piece);
  }

  /** The current document's text up to `piece`, which has not been added yet. */
  private sofar(piece: string): string {
    return this.parts.length === 0 ? piece : this.parts.join('') + piece;
  }

  private flush(): RawDocument | undefined {
    const doc: RawDocument | undefined = this.tooLarge
      ? { text: '', startLine: this.startLine, tooLarge: true }
      : this.parts.length > 0
        ? {
            text: this.parts.length === 1 ? this.parts[0] : this.parts.join(''),
            startLine: this.startLine,
          }
        : undefined;
    this.parts = [];
    this.size = 0;
    this.tooLarge = false;
    return doc;
  }

  /** `s` holds whole lines (or the final line at the end of the stream). */
  private process(s: string): RawDocument[] {
    const out: RawDocument[] = [];
    let pos = 0;
    MARKER.lastIndex = 0;
    for (let m = MARKER.exec(s); m !== null; m = MARKER.exec(s)) {
      const at = m.index;
      let end = at; // where the current document ends (exclusive)
      // `%YAML 1.1` and `%TAG` lines belong to the document that `---` starts, also when they
      // came in an earlier chunk
      if (m[0] === '---' && onlyDirectives(this.sofar(s.slice(pos, at)))) continue;
      if (m[0] === '...') {
        const nl = s.indexOf('\n', at);
        end = nl === -1 ? s.length : nl + 1;
      }
      this.add(s.slice(pos, end));
      const doc = this.flush();
      if (doc) out.push(doc);
      this.lineNo += countLines(s, pos, end);
      this.startLine = this.lineNo;
      pos = end;
      MARKER.lastIndex = Math.max(MARKER.lastIndex, end);
    }
    this.add(s.slice(pos));
    this.lineNo += countLines(s, pos, s.length);
    return out;
  }
}

const CONTENT_LINE = /^(?![ \t]*(?:#|\r?$)|%)/m;

function onlyDirectives(s: string): boolean {
  return /^%/m.test(s) && !CONTENT_LINE.test(s);
}

const NOT_CONTENT = /^(?:[ \t]*(?:#.*)?|%.*|---[ \t]*(?:#.*)?)\r?$/;

/** The 1-based line of a document's first content (past blank lines, comments, directives, `---`). */
export function contentLine(doc: RawDocument): number {
  const { text } = doc;
  let line = doc.startLine;
  let pos = 0;
  while (pos < text.length) {
    const nl = text.indexOf('\n', pos);
    const end = nl === -1 ? text.length : nl;
    if (!NOT_CONTENT.test(text.slice(pos, end))) return line;
    if (nl === -1) break;
    pos = nl + 1;
    line++;
  }
  return doc.startLine;
}
