/**
 * Which of the fields the rules declare (Rule.reads) an object sets, and so which rules run on
 * it: a rule that declares fields is skipped for an object that sets none of them.
 */
import { Obj, isObj } from './read';
import { Rule, RuleReads, RuleScope } from './rule';

/** The declared fields below one key: its own number (-1: none) and the fields inside it. */
interface Node {
  index: number;
  children: Map<string, Node> | undefined;
}

/** The declared fields an object sets, one bit per field number. */
export type FieldsSet = Uint32Array;

/**
 * The declared fields of a set of rules, each path once, numbered. A field is set when the
 * path leads, through objects, to an enumerable property whose value is not undefined.
 */
export class DeclaredFields {
  private readonly roots: Record<keyof RuleReads, Map<string, Node>> = {
    metadata: new Map(),
    job: new Map(),
    pod: new Map(),
    container: new Map(),
  };
  private count = 0;

  /** The numbers of the fields a rule declares; undefined when it declares none (it always runs). */
  add(rule: Rule): readonly number[] | undefined {
    const reads = rule.reads;
    if (!reads) return undefined;
    const out: number[] = [];
    for (const root of ['metadata', 'job', 'pod', 'container'] as const) {
      for (const path of reads[root] ?? []) out.push(this.indexOf(this.roots[root], path));
    }
    return out;
  }

  /** The fields the object sets (a container field: in any init or regular container). */
  setIn(metadata: Obj, jobSpec: Obj, podSpec: Obj): FieldsSet {
    const set = new Uint32Array((this.count + 31) >>> 5);
    mark(set, this.roots.metadata, metadata);
    mark(set, this.roots.job, jobSpec);
    mark(set, this.roots.pod, podSpec);
    markEach(set, this.roots.container, podSpec.initContainers);
    markEach(set, this.roots.container, podSpec.containers);
    return set;
  }

  private indexOf(root: Map<string, Node>, path: string): number {
    let nodes = root;
    let node: Node | undefined;
    for (const key of path.split('.')) {
      if (node) nodes = node.children ??= new Map();
      node = nodes.get(key);
      if (!node) {
        node = { index: -1, children: undefined };
        nodes.set(key, node);
      }
    }
    if (!node) throw new Error('a declared field has a path');
    if (node.index < 0) node.index = this.count++;
    return node.index;
  }
}

/** A rule with the numbers of the fields it declares (undefined: it runs on every object). */
export interface DeclaringRule {
  readonly rule: Rule;
  readonly fields: readonly number[] | undefined;
}

/** At most this many sets of fields are remembered; then the memory starts over. */
const MAX_PLANS = 1_000;

/**
 * The rules that run on an object, by scope, in catalogue order. Objects of one file set the
 * same few combinations of fields, so the choice is made once per combination.
 */
export class RulePlans {
  private readonly plans = new Map<string, Readonly<Record<RuleScope, readonly Rule[]>>>();

  constructor(private readonly rules: Readonly<Record<RuleScope, readonly DeclaringRule[]>>) {}

  for(set: FieldsSet): Readonly<Record<RuleScope, readonly Rule[]>> {
    const key = set.join();
    let plan = this.plans.get(key);
    if (!plan) {
      const pick = (scope: RuleScope) =>
        this.rules[scope]
          .filter((r) => r.fields === undefined || anySet(r.fields, set))
          .map((r) => r.rule);
      plan = {
        object: pick('object'),
        cronjob: pick('cronjob'),
        job: pick('job'),
        pod: pick('pod'),
      };
      if (this.plans.size >= MAX_PLANS) this.plans.clear();
      this.plans.set(key, plan);
    }
    return plan;
  }
}

function anySet(fields: readonly number[], set: FieldsSet): boolean {
  return fields.some((f) => (set[f >>> 5] & (1 << (f & 31))) !== 0);
}

function markEach(set: FieldsSet, nodes: Map<string, Node>, list: unknown): void {
  if (!Array.isArray(list)) return;
  for (let i = 0; i < list.length; i++) {
    const item: unknown = list[i];
    if (isObj(item)) mark(set, nodes, item);
  }
}

function mark(set: FieldsSet, nodes: Map<string, Node>, value: Obj): void {
  for (const key in value) {
    const node = nodes.get(key);
    if (node === undefined) continue;
    const field = value[key];
    if (field === undefined) continue;
    if (node.index >= 0) set[node.index >>> 5] |= 1 << (node.index & 31);
    if (node.children !== undefined && isObj(field)) mark(set, node.children, field);
  }
}
