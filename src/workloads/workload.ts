import { ApiObject, ApiObjectMetadata, Names } from 'cdk8s';
import { RenderedApiObject } from './rendered-api-object';
import { Construct } from 'constructs';
import { JsonMap } from '../pod/k8s-types';
import { Problem, describeProblem } from '../validation/problem';
import { TargetVersion } from '../validation/target-version';
import { RelaxableRule, validateManifest } from '../validation/validate-manifest';

/** Props every workload shares. */
export interface WorkloadProps {
  /** Name, namespace, labels and annotations of the Job or CronJob. @default a name generated from the construct path */
  readonly metadata?: ApiObjectMetadata;
  /** Reviewer rules (family 3) to relax for this construct, e.g. `['image-tag']`. @default none */
  readonly allow?: RelaxableRule[];
}

/**
 * The shared base of BatchJob and ScheduledJob: owns the ApiObject, collects problems in
 * the props while rendering, and runs the rule catalogue on the rendered manifest at synth.
 */
export abstract class Workload extends Construct {
  /** The underlying cdk8s object. */
  public readonly apiObject: ApiObject;
  /** The Kubernetes name of the object. */
  public readonly name: string;
  private readonly propProblems: Problem[] = [];
  private readonly allow: readonly RelaxableRule[];
  private readonly constructKind: string;
  /** The rule catalogue's findings on the last rendered manifest (the same object until it changes). */
  private validated: { readonly manifest: unknown; readonly problems: Problem[] } = {
    manifest: undefined,
    problems: [],
  };

  protected constructor(
    scope: Construct,
    id: string,
    options: {
      kind: 'Job' | 'CronJob';
      constructKind: string;
      maxNameLength: number;
      props: WorkloadProps;
    },
    renderSpec: (report: (p: Problem) => void, name: string) => JsonMap,
  ) {
    super(scope, id);
    this.constructKind = options.constructKind;
    this.allow = options.props.allow ?? [];
    const report = (p: Problem) => this.propProblems.push(p);
    const metadata = options.props.metadata ?? {};
    this.name = metadata.name ?? Names.toDnsLabel(this, { maxLen: options.maxNameLength });
    const spec = renderSpec(report, this.name);
    this.apiObject = new RenderedApiObject(this, 'Resource', {
      apiVersion: 'batch/v1',
      kind: options.kind,
      metadata: { ...metadata, name: this.name },
      spec,
    });
    this.node.addValidation({
      validate: () =>
        this.problems()
          .filter((p) => p.severity === 'error')
          .map((p) => this.format(p)),
    });
  }

  /** Every problem of this workload: in its props, and the rule catalogue's on its manifest. */
  public problems(): Problem[] {
    const manifest = this.apiObject.toJson();
    if (this.validated?.manifest !== manifest) {
      const options = { targetVersion: TargetVersion.of(this), allow: this.allow };
      this.validated = { manifest, problems: validateManifest(manifest, options) };
    }
    return [...this.propProblems, ...this.validated.problems];
  }

  /** Adds a problem found by a subclass (e.g. a preset's domain check). */
  protected addProblem(problem: Problem): void {
    this.propProblems.push(problem);
  }

  private format(problem: Problem): string {
    return `(${this.constructKind}) ${describeProblem(problem)}`;
  }
}
