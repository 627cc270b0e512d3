/**
 * Where a field path is in a document's text, computed only when asked (for documents with
 * findings). Block YAML of plain keys is read line by line (block-position.ts); any other
 * document is parsed again with the `yaml` package (yaml-position.ts, loaded only then). A path
 * that does not exist gives the position of its nearest ancestor that does.
 */
import { Node as BlockNode, blockTree } from './block-position';
import { Walkable, tokens, walk } from './field-walk';

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

/** The path from the document's root: a List item's path, then the field's. */
export function pathOf(source: DocumentSource, fieldPath: string): string {
  return [source.itemPath, fieldPath].filter((p) => p).join(fieldPath.startsWith('[') ? '' : '.');
}

/**
 * The line and column of `fieldPath` (e.g. `spec.template.spec.containers[0].image`) in the
 * document `source`; for a List item the path is relative to the item.
 */
export function positionOf(source: DocumentSource, fieldPath: string): FieldPosition {
  const path = pathOf(source, fieldPath);
  if (cached?.text !== source.text) cached = { text: source.text, tree: blockTree(source.text) };
  const block = cached.tree;
  if (block) {
    const rootAt = { line: source.line + block.line, column: block.col + 1 };
    try {
      return walk(blockWalkable(source.line), block.node, rootAt, tokens(path));
    } catch (e) {
      if (e !== INTO_FLOW) throw e;
    }
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the yaml package loads only here
  const { yamlPositionOf } = require('./yaml-position') as typeof import('./yaml-position');
  return yamlPositionOf(source, path);
}
