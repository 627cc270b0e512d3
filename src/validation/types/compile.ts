/** The generated type table, compiled once into lookups for the decoding walk. */
import { TYPE_TABLE } from './table';

/** A field's type, compiled once from the generated table. */
export type TypeNode =
  | { readonly kind: 'string' | 'boolean' | 'number' | 'int-or-string' | 'quantity' | 'any' }
  | { readonly kind: 'time' | 'micro-time' | 'bytes' }
  | { readonly kind: 'int32' | 'int64' }
  | { readonly kind: 'list' | 'map'; readonly elem: TypeNode }
  | {
      readonly kind: 'model';
      readonly name: string;
      readonly fields: ReadonlyMap<string, TypeNode>;
    };

const SCALARS = new Set([
  'string',
  'boolean',
  'number',
  'int32',
  'int64',
  'int-or-string',
  'quantity',
  'any',
  'time',
  'micro-time',
  'bytes',
]);

const models = new Map<string, { kind: 'model'; name: string; fields: Map<string, TypeNode> }>();

function compile(code: string): TypeNode {
  if (code.startsWith('[]')) return { kind: 'list', elem: compile(code.slice(2)) };
  if (code.startsWith('{}')) return { kind: 'map', elem: compile(code.slice(2)) };
  if (SCALARS.has(code)) return { kind: code } as TypeNode;
  return model(code);
}

function model(name: string): TypeNode {
  let node = models.get(name);
  if (node) return node;
  const spec = TYPE_TABLE[name];
  if (!spec) throw new Error(`type table has no model ${name}`);
  node = { kind: 'model', name, fields: new Map() };
  models.set(name, node);
  for (const field of Object.keys(spec)) node.fields.set(field, compile(spec[field]));
  return node;
}

/** The compiled type of a model of the table, e.g. `Job`. */
export function modelType(name: string): TypeNode {
  return model(name);
}
