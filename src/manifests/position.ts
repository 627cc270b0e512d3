/**
 * Where a field path is in a document's text, computed only when asked (for documents with
 * findings): the document is parsed again with the `yaml` package, which keeps source ranges.
 * A path that does not exist gives the position of its nearest ancestor that does.
 */
import {
  Document,
  LineCounter,
  Node,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  parseDocument,
} from 'yaml';
import { resolvePlain, resolveTagged } from './go-scalars';

/** The text of one document and where it starts, kept with each object the reader yields. */
export interface DocumentSource {
  readonly file: string;
  /** The 1-based line of the file on which `text` starts. */
  readonly line: number;
  readonly text: string;
  /** For an item of a List: its path in the document, e.g. `items[3]`. */
  readonly itemPath?: string;
}

export interface FieldPosition {
  /** 1-based line in the file. */
  readonly line: number;
  /** 1-based column. */
  readonly column: number;
  /** The part of the path that was found (the whole path when `exact`). */
  readonly path: string;
  readonly exact: boolean;
}

/** `a.b[0].c`, `metadata.labels.app.kubernetes.io/name`, `a["x.y"]`: dots in keys stay ambiguous. */
function tokens(path: string): { text: string; index?: number; quoted?: string }[] {
  const out: { text: string; index?: number; quoted?: string }[] = [];
  const re = /\[(\d+)\]|\[(?:"((?:[^"\\]|\\.)*)"|'([^']*)')\]|([^.[\]]+)|\./g;
  for (let m = re.exec(path); m; m = re.exec(path)) {
    if (m[1] !== undefined) out.push({ text: m[0], index: Number(m[1]) });
    else if (m[2] !== undefined) out.push({ text: m[0], quoted: JSON.parse(`"${m[2]}"`) });
    else if (m[3] !== undefined) out.push({ text: m[0], quoted: m[3] });
    else if (m[4] !== undefined) out.push({ text: m[4] });
  }
  return out;
}

/** A mapping key as the reader spells it (goyaml.v2 resolution, sigs.k8s.io/yaml key strings). */
function keyString(key: unknown): string | undefined {
  if (!isScalar(key)) return undefined;
  try {
    if (key.tag && key.tag !== '!')
      return String(resolveTagged(key.tag, String(key.source ?? key.value)));
    if (key.type === 'PLAIN') return String(resolvePlain(String(key.source ?? key.value)));
  } catch {
    return undefined;
  }
  return String(key.value);
}

function deref(doc: Document, node: unknown): unknown {
  for (let i = 0; i < 100 && isAlias(node); i++) node = node.resolve(doc);
  return node;
}

/**
 * The line and column of `fieldPath` (e.g. `spec.template.spec.containers[0].image`) in the
 * document `source`; for a List item the path is relative to the item.
 */
export function positionOf(source: DocumentSource, fieldPath: string): FieldPosition {
  const counter = new LineCounter();
  const doc = parseDocument(source.text, {
    lineCounter: counter,
    uniqueKeys: false,
    strict: false,
    prettyErrors: false,
    keepSourceTokens: false,
  });
  const at = (offset: number, path: string, exact: boolean): FieldPosition => {
    const p = counter.linePos(offset);
    return { line: source.line + p.line - 1, column: p.col, path, exact };
  };
  const full = [source.itemPath, fieldPath]
    .filter((p) => p)
    .join(fieldPath.startsWith('[') ? '' : '.');
  const toks = tokens(full);
  let node: unknown = deref(doc, doc.contents);
  const root = (node as Node | null)?.range?.[0] ?? 0;
  let offset = root;
  let found = at(root, '', toks.length === 0);
  let consumed = '';
  let i = 0;
  while (i < toks.length) {
    const t = toks[i];
    if (t.index !== undefined) {
      if (!isSeq(node) || t.index >= node.items.length) return found;
      const item = node.items[t.index] as Node;
      consumed += t.text;
      i++;
      offset = item?.range?.[0] ?? offset;
      found = at(offset, consumed, i === toks.length);
      node = deref(doc, item);
      continue;
    }
    if (!isMap(node)) return found;
    // The longest key that the rest of the path starts with (keys may contain dots).
    let best: { pair: unknown; used: number } | undefined;
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const k = keyString(pair.key);
      if (k === undefined) continue;
      if (t.quoted !== undefined) {
        if (k === t.quoted) best = { pair, used: 1 };
        continue;
      }
      let joined = '';
      for (
        let j = i;
        j < toks.length && toks[j].index === undefined && toks[j].quoted === undefined;
        j++
      ) {
        joined = joined === '' ? toks[j].text : `${joined}.${toks[j].text}`;
        if (joined === k && (!best || j - i + 1 >= best.used)) best = { pair, used: j - i + 1 };
      }
    }
    if (!best || !isPair(best.pair)) return found;
    const pair = best.pair;
    const keyNode = pair.key as Node | null;
    for (let j = 0; j < best.used; j++) {
      consumed +=
        consumed === '' || toks[i + j].quoted !== undefined
          ? toks[i + j].text
          : `.${toks[i + j].text}`;
    }
    i += best.used;
    offset = keyNode?.range?.[0] ?? offset;
    found = at(offset, consumed, i === toks.length);
    node = deref(doc, pair.value);
  }
  return found;
}
