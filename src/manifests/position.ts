/**
 * Where a field path is in a document's text, computed only when asked (for documents with
 * findings). Block YAML of plain keys is read line by line (block-position.ts); any other
 * document is parsed again with the `yaml` package, which keeps source ranges. A path that does
 * not exist gives the position of its nearest ancestor that does.
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
import { Node as BlockNode, blockTree } from './block-position';
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

/** A child of a mapping (with its key) or of a sequence, and where it is written. */
interface Entry<N> {
  readonly key?: string;
  /** 1-based line in the file and column; undefined when the parser kept no position. */
  readonly at?: { readonly line: number; readonly column: number };
  readonly node: N;
}

/** What the walk needs of a parsed document. */
interface Walkable<N> {
  /** A sequence's items; undefined for anything else. */
  items(node: N): readonly Entry<N>[] | undefined;
  /** A mapping's pairs; undefined for anything else. */
  pairs(node: N): readonly Entry<N>[] | undefined;
}

/** Follows the path's tokens down from `root`, as far as the document has them. */
function walk<N>(
  tree: Walkable<N>,
  root: N,
  rootAt: { line: number; column: number },
  toks: ReturnType<typeof tokens>,
): FieldPosition {
  let node = root;
  let at = rootAt;
  let found: FieldPosition = { ...at, path: '', exact: toks.length === 0 };
  let consumed = '';
  let i = 0;
  while (i < toks.length) {
    const t = toks[i];
    if (t.index !== undefined) {
      const items = tree.items(node);
      if (!items || t.index >= items.length) return found;
      const item = items[t.index];
      consumed += t.text;
      i++;
      at = item.at ?? at;
      found = { ...at, path: consumed, exact: i === toks.length };
      node = item.node;
      continue;
    }
    const pairs = tree.pairs(node);
    if (!pairs) return found;
    // The longest key that the rest of the path starts with (keys may contain dots).
    let best: { pair: Entry<N>; used: number } | undefined;
    for (const pair of pairs) {
      const k = pair.key;
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
    if (!best) return found;
    for (let j = 0; j < best.used; j++) {
      consumed +=
        consumed === '' || toks[i + j].quoted !== undefined
          ? toks[i + j].text
          : `.${toks[i + j].text}`;
    }
    i += best.used;
    at = best.pair.at ?? at;
    found = { ...at, path: consumed, exact: i === toks.length };
    node = best.pair.node;
  }
  return found;
}

function deref(doc: Document, node: unknown): unknown {
  for (let i = 0; i < 100 && isAlias(node); i++) node = node.resolve(doc);
  return node;
}

/** The `yaml` package's document as a Walkable. */
function yamlTree(doc: Document, pos: (offset: number) => { line: number; column: number }) {
  const at = (node: unknown) => {
    const offset = (node as Node | null)?.range?.[0];
    return offset === undefined ? undefined : pos(offset);
  };
  const tree: Walkable<unknown> = {
    items: (node) =>
      isSeq(node)
        ? node.items.map((item) => ({ at: at(item), node: deref(doc, item) }))
        : undefined,
    pairs: (node) =>
      isMap(node)
        ? node.items.flatMap((pair) =>
            isPair(pair)
              ? [{ key: keyString(pair.key), at: at(pair.key), node: deref(doc, pair.value) }]
              : [],
          )
        : undefined,
  };
  return tree;
}

/** Thrown where the path goes into a flow collection, which the block tree does not read. */
const INTO_FLOW = Symbol('into flow');

/** The block tree of block-position.ts as a Walkable. */
function blockWalkable(line: number): Walkable<BlockNode> {
  const at = (l: number, col: number) => ({ line: line + l, column: col + 1 });
  const notFlow = (node: BlockNode): undefined => {
    if (node.type === 'flow') throw INTO_FLOW;
    return undefined;
  };
  return {
    items: (node) =>
      node.type === 'seq'
        ? node.items.map((item) => ({ at: at(item.line, item.col), node: item.value }))
        : notFlow(node),
    pairs: (node) =>
      node.type === 'map'
        ? node.pairs.map((p) => ({ key: p.key, at: at(p.line, p.col), node: p.value }))
        : notFlow(node),
  };
}

/** The last document's tree: findings of one object are located one after another. */
let cached: { text: string; tree: ReturnType<typeof blockTree> } | undefined;

function pathOf(source: DocumentSource, fieldPath: string): string {
  return [source.itemPath, fieldPath].filter((p) => p).join(fieldPath.startsWith('[') ? '' : '.');
}

/**
 * The line and column of `fieldPath` (e.g. `spec.template.spec.containers[0].image`) in the
 * document `source`; for a List item the path is relative to the item.
 */
export function positionOf(source: DocumentSource, fieldPath: string): FieldPosition {
  const toks = tokens(pathOf(source, fieldPath));
  if (cached?.text !== source.text) cached = { text: source.text, tree: blockTree(source.text) };
  const block = cached.tree;
  if (block) {
    const rootAt = { line: source.line + block.line, column: block.col + 1 };
    try {
      return walk(blockWalkable(source.line), block.node, rootAt, toks);
    } catch (e) {
      if (e !== INTO_FLOW) throw e;
    }
  }
  return yamlPositionOf(source, toks);
}

/** positionOf by the `yaml` package, for any document. */
export function yamlPositionOf(
  source: DocumentSource,
  toks: ReturnType<typeof tokens> | string,
): FieldPosition {
  if (typeof toks === 'string') toks = tokens(pathOf(source, toks));
  const counter = new LineCounter();
  const doc = parseDocument(source.text, {
    lineCounter: counter,
    uniqueKeys: false,
    strict: false,
    prettyErrors: false,
    keepSourceTokens: false,
  });
  const pos = (offset: number) => {
    const p = counter.linePos(offset);
    return { line: source.line + p.line - 1, column: p.col };
  };
  const root = deref(doc, doc.contents);
  const rootAt = pos((root as Node | null)?.range?.[0] ?? 0);
  return walk(yamlTree(doc, pos), root, rootAt, toks);
}
