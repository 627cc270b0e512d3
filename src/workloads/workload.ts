import { ApiObject, ApiObjectMetadata, Chart, Names } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { RenderedApiObject } from './rendered-api-object';
import { JsonMap } from '../pod/k8s-types';
import { Problem, describeProblem, propProblem } from '../validation/problem';
import { labelValueProblem } from '../validation/syntax';
import { TargetVersion } from '../validation/target-version';
import { RelaxableRule, validateManifest } from '../validation/validate-manifest';
import {
  Declarer,
  ReportedWorkload,
  appToken,
  duplicateProblem,
  registerSynthReport,
  sharedClaimProblems,
} from './app-checks';

/** Props every workload shares. */
export interface WorkloadProps {
  /** Name, namespace, labels and annotations of the Job or CronJob. @default a name generated from the construct path */
  readonly metadata?: ApiObjectMetadata;
  /** Reviewer rules (family 3) to relax for this construct, e.g. `['image-tag']`. @default none */
  readonly allow?: RelaxableRule[];
  /** Label the object, its Jobs and pods with `app.kubernetes.io/name` (the object's name), `managed-by: cdk8s-batch` and `component` (the construct kind); labels you set win. @default true */
  readonly recommendedLabels?: boolean;
}

/** The label that names the tool managing an object. */
export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';

const KEBAB = new Map<string, string>();

/** `IndexedIngestJob` → `indexed-ingest-job` (once per kind). */
function kebab(kind: string): string {
  let out = KEBAB.get(kind);
  if (out === undefined) {
    out = kind
      .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
      .replace(/([A-Z])([A-Z][a-z])/g, '$1-$2')
      .toLowerCase();
    KEBAB.set(kind, out);
  }
  return out;
}

/** The recommended labels of a workload's objects and pods. */
function recommendedLabels(name: string, constructKind: string): Record<string, string> {
  return {
    ...(labelValueProblem(name) === undefined ? { 'app.kubernetes.io/name': name } : {}),
    [MANAGED_BY_LABEL]: 'cdk8s-batch',
    'app.kubernetes.io/component': kebab(constructKind),
  };
}

/** Whether the chart asks for names without the hash suffix (`disableResourceNameHashes`). */
function hashesDisabled(scope: IConstruct): boolean {
  const chart = scope.node.scopes.find((c): c is Chart => Chart.isChart(c));
  return (
    (chart as unknown as { _disableResourceNameHashes?: boolean } | undefined)
      ?._disableResourceNameHashes === true
  );
}

/**
 * The manifest fields the rule catalogue would report again for a prop reported as missing
 * or wrong (and left out): one mistake, one line.
 */
function shadowedFields(dropped: ReadonlySet<string>, kind: 'Job' | 'CronJob'): Set<string> {
  const spec = kind === 'CronJob' ? 'spec.jobTemplate.spec' : 'spec';
  const pod = `${spec}.template.spec`;
  const fields = new Set<string>();
  for (const prop of dropped) {
    if (prop === 'image' || prop === 'containers' || /^containers\[\d+\]$/.test(prop)) {
      fields.add(`${pod}.containers`);
    }
    const image = /^((?:init)?[cC]ontainers)\[(\d+)\]\.image$/.exec(prop);
    if (image) fields.add(`${pod}.${image[1]}[${image[2]}].image`);
    if (prop === 'completions') fields.add(`${spec}.completions`);
    if (prop === 'schedule') fields.add('spec.schedule');
  }
  return fields;
}

/** What a subclass tells the Workload about itself. */
export interface WorkloadOptions {
  /** `Job` or `CronJob`. */
  readonly kind: 'Job' | 'CronJob';
  /** The construct's class name, for the report. */
  readonly constructKind: string;
  /** The longest generated name. */
  readonly maxNameLength: number;
  /** The checked props. */
  readonly props: WorkloadProps;
  /** The problems of the props check, and the props it left out. */
  readonly checked: {
    readonly problems: readonly Problem[];
    readonly dropped: ReadonlySet<string>;
  };
  /** Labels of the object besides the recommended ones (the user's win). @default none */
  readonly objectLabels?: Readonly<Record<string, string>>;
}

/**
 * The shared base of BatchJob and ScheduledJob: owns the ApiObject, collects problems in
 * the props while rendering, and runs the rule catalogue on the rendered manifest at synth.
 */
export abstract class Workload extends Construct implements ReportedWorkload {
  /** Whether a construct is a Workload of this library. */
  public static isWorkload(x: unknown): x is Workload {
    return x instanceof Workload;
  }

  /** The underlying cdk8s object. */
  public readonly apiObject: ApiObject;
  /** The Kubernetes name of the object. */
  public readonly name: string;
  /** The construct's kind in reports, e.g. `IndexedIngestJob`. */
  public readonly constructKind: string;
  private readonly propProblems: Problem[] = [];
  private readonly allow: readonly RelaxableRule[];
  private readonly shadowed: ReadonlySet<string>;
  private readonly skipCatalogue: boolean;
  /** The rule catalogue's findings on the last rendered manifest (the same object until it changes). */
  private validated: { readonly manifest: unknown; readonly problems: Problem[] } = {
    manifest: undefined,
    problems: [],
  };
  /**
   * The app-wide findings on the last rendered manifest, for as long as the app's index is
   * the same (a synth asks for the problems four times: twice per validation, and cdk8s
   * validates twice in synthYaml).
   */
  private appChecked?: {
    readonly token: object;
    readonly manifest: unknown;
    readonly problems: Problem[];
  };

  protected constructor(
    scope: Construct,
    id: string,
    options: WorkloadOptions,
    renderSpec: (
      report: (p: Problem) => void,
      name: string,
      labels: Readonly<Record<string, string>>,
    ) => JsonMap,
  ) {
    super(scope, id);
    this.constructKind = options.constructKind;
    const props = options.props;
    this.allow = props.allow ?? [];
    this.propProblems.push(...options.checked.problems);
    this.shadowed = shadowedFields(options.checked.dropped, options.kind);
    this.skipCatalogue = options.checked.dropped.has('props');
    const report = (p: Problem) => this.propProblems.push(p);
    const metadata = props.metadata ?? {};
    this.name =
      metadata.name ??
      Names.toDnsLabel(this, {
        maxLen: options.maxNameLength,
        includeHash: !hashesDisabled(this),
      });
    const labels =
      props.recommendedLabels === false ? {} : recommendedLabels(this.name, this.constructKind);
    let spec: JsonMap;
    try {
      spec = renderSpec(report, this.name, labels);
    } catch (e) {
      spec = {};
      report(internalError('rendering', e));
    }
    const objectLabels = { ...labels, ...options.objectLabels, ...metadata.labels };
    this.apiObject = new RenderedApiObject(this, 'Resource', {
      apiVersion: 'batch/v1',
      kind: options.kind,
      metadata: {
        ...metadata,
        name: this.name,
        ...(Object.keys(objectLabels).length > 0 ? { labels: objectLabels } : {}),
      },
      spec,
    });
    this.node.addValidation({
      validate: () =>
        this.problems()
          .filter((p) => p.severity === 'error')
          .map((p) => this.format(p)),
    });
    registerSynthReport(this, (root) => root.node.findAll().filter(Workload.isWorkload));
  }

  /**
   * Every problem of this workload: in its props, the rule catalogue's on its manifest, and
   * those that need the whole app (a duplicate object, a shared ReadWriteOnce claim).
   */
  public problems(): Problem[] {
    let manifest: JsonMap;
    try {
      manifest = this.apiObject.toJson() as JsonMap;
    } catch (e) {
      return [...this.propProblems, internalError('synthesizing', e)];
    }
    if (this.skipCatalogue) return [...this.propProblems];
    if (this.validated?.manifest !== manifest) {
      const options = { targetVersion: TargetVersion.of(this), allow: this.allow };
      let problems: Problem[];
      try {
        problems = validateManifest(manifest, options).filter((p) => !this.shadowed.has(p.field));
      } catch (e) {
        problems = [internalError('checking', e)];
      }
      this.validated = { manifest, problems };
    }
    const token = appToken(this);
    if (this.appChecked?.token !== token || this.appChecked.manifest !== manifest) {
      this.appChecked = { token, manifest, problems: this.appProblems(manifest) };
    }
    return [...this.propProblems, ...this.validated.problems, ...this.appChecked.problems];
  }

  /** Adds a problem found by a subclass (e.g. a preset's domain check). */
  protected addProblem(problem: Problem): void {
    this.propProblems.push(problem);
  }

  private appProblems(manifest: JsonMap): Problem[] {
    const own = this.node.findAll().filter((c): c is ApiObject => c instanceof ApiObject);
    const ownerOf = (o: ApiObject): { construct: IConstruct; declarer: Declarer } | undefined => {
      const owner = o.node.scopes.find(Workload.isWorkload);
      return owner
        ? { construct: owner, declarer: { path: owner.node.path, kind: owner.constructKind } }
        : undefined;
    };
    const duplicate = duplicateProblem(this, own, ownerOf);
    return [
      ...(duplicate ? [duplicate] : []),
      ...sharedClaimProblems(this, manifest, this.apiObject.metadata.namespace),
    ];
  }

  private format(problem: Problem): string {
    return `(${this.constructKind}) ${describeProblem(problem)}`;
  }
}

function internalError(step: string, e: unknown): Problem {
  return propProblem(
    'props',
    `internal error in cdk8s-batch while ${step} (please report it with the props): ${e instanceof Error ? e.message : String(e)}`,
  );
}
