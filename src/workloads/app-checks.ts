/**
 * Checks that need the whole app, run at synth: two objects with the same kind, namespace and
 * name (the second apply overwrites the first), and a ReadWriteOnce claim the app creates that
 * several pods of one Job mount at once. Also the synth-time report: warnings printed once on
 * stderr, and `synthOrReport`, which prints a failed synth's report instead of a stack trace.
 */
import { ApiObject, App } from 'cdk8s';
import { IConstruct } from 'constructs';
import { JsonMap } from '../pod/k8s-types';
import { Problem, describeProblem } from '../validation/problem';

/** The group of an apiVersion: `batch` for `batch/v1`, `` for `v1`. */
function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

function keyOf(o: ApiObject): string {
  return [groupOf(o.apiVersion), o.kind, o.metadata.namespace ?? '', o.name].join('|');
}

/** Who declared an object, for the message: `agents/ingest (IndexedIngestJob)`. */
export interface Declarer {
  /** The construct path, e.g. `agents/ingest`. */
  readonly path: string;
  /** The construct kind, e.g. `IndexedIngestJob`. */
  readonly kind: string;
}

/** The app's objects by key, in construct order. */
interface AppIndex {
  readonly signature: number;
  readonly order: Map<IConstruct, number>;
  readonly byKey: Map<string, ApiObject[]>;
  readonly claims: ApiObject[];
}

const INDEXES = new WeakMap<IConstruct, AppIndex>();

/** Workloads created per app: with the charts, a cheap sign that constructs were added. */
const CREATED = new WeakMap<IConstruct, number>();

function signatureOf(root: IConstruct): number {
  return (CREATED.get(root) ?? 0) * 10_000 + root.node.children.length;
}

/**
 * The index of the app, built once per synchronous run (a synth validates every workload in
 * one go) and dropped afterwards, or when workloads or charts were added meanwhile.
 */
function appIndex(self: IConstruct): AppIndex {
  const root = self.node.root;
  const signature = signatureOf(root);
  const cached = INDEXES.get(root);
  if (cached && cached.signature === signature) return cached;
  const order = new Map<IConstruct, number>();
  const byKey = new Map<string, ApiObject[]>();
  const claims: ApiObject[] = [];
  root.node.findAll().forEach((c, i) => {
    order.set(c, i);
    if (!(c instanceof ApiObject)) return;
    const key = keyOf(c);
    byKey.set(key, [...(byKey.get(key) ?? []), c]);
    if (c.kind === 'PersistentVolumeClaim') claims.push(c);
  });
  const index = { signature, order, byKey, claims };
  INDEXES.set(root, index);
  queueMicrotask(() => {
    if (INDEXES.get(root) === index) INDEXES.delete(root);
  });
  return index;
}

/**
 * The app's current index, as an opaque token: the same object while the app-wide findings
 * it backs stay the same (within one synchronous run, no workload or chart added), so a
 * workload can keep its findings for as long as the token is the same.
 */
export function appToken(self: IConstruct): object {
  return appIndex(self);
}

/**
 * The duplicate of one of `own` objects elsewhere in the app, reported once per pair: by the
 * later of two workloads (in construct order), or by the workload when the other object is not
 * a workload's. `ownerOf` finds the workload an object belongs to.
 */
export function duplicateProblem(
  self: IConstruct,
  own: readonly ApiObject[],
  ownerOf: (o: ApiObject) => { construct: IConstruct; declarer: Declarer } | undefined,
): Problem | undefined {
  const { order, byKey } = appIndex(self);
  const selfIndex = order.get(self) ?? 0;
  for (const mine of own) {
    for (const other of byKey.get(keyOf(mine)) ?? []) {
      if (other === mine || own.includes(other)) continue;
      const owner = ownerOf(other);
      if (owner && (order.get(owner.construct) ?? 0) > selfIndex) continue;
      const by = owner ? `${owner.declarer.path} (${owner.declarer.kind})` : declaredAt(other);
      const where = mine.metadata.namespace ? `${mine.metadata.namespace}/` : '';
      const field = mine === own[0] ? 'metadata.name' : `${mine.kind} metadata.name`;
      return {
        rule: 'duplicate-object',
        family: 2,
        severity: 'error',
        field,
        value: mine.name,
        message: `${mine.kind} ${where}${mine.name} is also declared by ${by}: applying both, the second overwrites the first`,
        fix: 'give one of them another metadata.name (or another namespace)',
      };
    }
  }
  return undefined;
}

const SHARED_MODES = ['ReadWriteMany', 'ReadOnlyMany'];

/** Where an object is declared: the construct that owns it, as cdk8s-plus names its ApiObject `Resource`. */
function declaredAt(o: ApiObject): string {
  const scope = o.node.scope;
  return o.node.id === 'Resource' && scope ? scope.node.path : o.node.path;
}

/**
 * A warning for each PersistentVolumeClaim that the app creates with only ReadWriteOnce (or
 * ReadWriteOncePod) access and that `parallelism` pods of this workload mount at once: pods on
 * other nodes cannot attach it and wait (or, with ReadWriteOncePod, every pod but one waits).
 */
export function sharedClaimProblems(
  self: IConstruct,
  manifest: JsonMap,
  namespace: string | undefined,
): Problem[] {
  const spec = manifest.spec as JsonMap | undefined;
  const jobSpec =
    manifest.kind === 'CronJob'
      ? (((spec?.jobTemplate as JsonMap | undefined)?.spec as JsonMap | undefined) ?? {})
      : (spec ?? {});
  const parallelism = typeof jobSpec.parallelism === 'number' ? jobSpec.parallelism : 1;
  if (parallelism < 2) return [];
  const podPath = `${manifest.kind === 'CronJob' ? 'spec.jobTemplate.spec' : 'spec'}.template.spec`;
  const podSpec = ((jobSpec.template as JsonMap | undefined)?.spec as JsonMap | undefined) ?? {};
  const volumes = Array.isArray(podSpec.volumes) ? (podSpec.volumes as JsonMap[]) : [];
  const claims = appIndex(self).claims.filter(
    (c) => (c.metadata.namespace ?? '') === (namespace ?? ''),
  );
  const problems: Problem[] = [];
  volumes.forEach((v, i) => {
    const claimName = (v.persistentVolumeClaim as JsonMap | undefined)?.claimName;
    if (typeof claimName !== 'string') return;
    const claim = claims.find((c) => c.name === claimName);
    if (!claim) return;
    const modes = (claim.toJson().spec as JsonMap | undefined)?.accessModes;
    if (!Array.isArray(modes) || modes.length === 0) return;
    if (modes.some((m) => SHARED_MODES.includes(m as string))) return;
    problems.push({
      rule: 'shared-claim-access-mode',
      family: 2,
      severity: 'warning',
      field: `${podPath}.volumes[${i}].persistentVolumeClaim.claimName`,
      value: claimName,
      message: `is created by ${declaredAt(claim)} as ${modes.join(', ')}, and ${parallelism} pods mount it at once: pods on another node cannot attach it and wait (checkpoints shared by parallel pods need ReadWriteMany)`,
      fix: 'create the claim with accessModes ReadWriteMany (NFS, EFS, Filestore, CephFS), or run one pod at a time',
    });
  });
  return problems;
}

/** A workload as the synth report sees it. */
export interface ReportedWorkload {
  /** Its construct node (for the path). */
  readonly node: IConstruct['node'];
  /** The construct kind, e.g. `IndexedIngestJob`. */
  readonly constructKind: string;
  /** Its problems, errors and warnings. */
  problems(): Problem[];
}

/** `[path] (Kind) field: value: message; fix`, as cdk8s prints a validation error. */
export function reportLine(path: string, constructKind: string, problem: Problem): string {
  return `[${path}] (${constructKind}) ${describeProblem(problem)}`;
}

const REGISTERED = new WeakSet<IConstruct>();
const PRINTED = new WeakMap<IConstruct, Set<string>>();

/**
 * Registers, once per app, a validation that prints every workload's warnings on stderr when
 * the app is synthesized, each once, in the format of `cdk8s-batch check` (`[rule]
 * (warning)` at the end). Errors are cdk8s' to print: they fail the synth.
 */
export function registerSynthReport(
  scope: IConstruct,
  workloads: (root: IConstruct) => ReportedWorkload[],
): void {
  const root = scope.node.root;
  CREATED.set(root, (CREATED.get(root) ?? 0) + 1);
  if (REGISTERED.has(root)) return;
  REGISTERED.add(root);
  root.node.addValidation({
    validate: () => {
      const printed = PRINTED.get(root) ?? new Set<string>();
      PRINTED.set(root, printed);
      for (const w of workloads(root)) {
        for (const p of w.problems()) {
          if (p.severity !== 'warning') continue;
          const line = `${reportLine(w.node.path, w.constructKind, p)} [${p.rule}] (warning)`;
          if (printed.has(line)) continue;
          printed.add(line);
          process.stderr.write(`${line}\n`);
        }
      }
      return [];
    },
  });
}

const VALIDATION_FAILED = 'Validation failed with the following errors:\n';

/**
 * `app.synth()`, but a failed validation prints its report on stderr (one line per problem,
 * then a count) and sets `process.exitCode = 1` instead of throwing, so the output of a
 * failed `cdk8s synth` begins with the report rather than a stack trace. Returns whether the
 * app was synthesized. Any other error is thrown as is.
 *
 * @example
 * const app = new App();
 * new BatchChart(app, 'batch');
 * synthOrReport(app);
 */
export function synthOrReport(app: App): boolean {
  try {
    app.synth();
    return true;
  } catch (e) {
    const message = e instanceof Error ? e.message : '';
    if (!message.startsWith(VALIDATION_FAILED)) throw e;
    const lines = message
      .slice(VALIDATION_FAILED.length)
      .split('\n')
      .map((l) => l.replace(/^ {2}/, ''))
      .filter((l) => l !== '');
    process.stderr.write(`${lines.join('\n')}\n\n${lines.length} error(s); nothing was written\n`);
    process.exitCode = 1;
    return false;
  }
}
