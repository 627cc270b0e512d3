import { Construct } from 'constructs';
import { PodTemplateProps } from '../pod/pod-template';
import { JOB_NAME_MAX } from '../validation/rules/metadata';
import { CompletionMode, JobSpecProps, kueueProblem, renderJobSpec } from './job-spec';
import { WorkloadProps, Workload } from './workload';
import { indexedNameLength } from './names';
import { BATCH_JOB_FIELDS, containerProblem, propsOf } from './props';

/** The label that submits a Job to a Kueue LocalQueue. */
export const KUEUE_QUEUE_LABEL = 'kueue.x-k8s.io/queue-name';

export interface BatchJobProps extends JobSpecProps, PodTemplateProps, WorkloadProps {
  /** `Indexed` gives each pod an index 0..completions-1 (see IndexedJob). @default 'NonIndexed' */
  readonly completionMode?: CompletionMode;
}

/**
 * A batch/v1 Job: runs pods until `completions` succeed.
 *
 * @example
 * new BatchJob(chart, 'migrate', { image: 'ghcr.io/acme/migrator:2.0.0', backoffLimit: 2 });
 */
export class BatchJob extends Workload {
  public constructor(
    scope: Construct,
    id: string,
    props: BatchJobProps,
    constructKind = 'BatchJob',
    byName?: (name: string) => Partial<BatchJobProps>,
  ) {
    const checked = propsOf<BatchJobProps>(props, BATCH_JOB_FIELDS, constructKind);
    const p = checked.props;
    const missing = containerProblem(p, checked.dropped);
    const queued = p.queueName !== undefined;
    const kueue = queued ? kueueProblem(p.suspend, 'suspend') : undefined;
    super(
      scope,
      id,
      {
        kind: 'Job',
        constructKind,
        maxNameLength:
          p.completionMode === 'Indexed'
            ? indexedNameLength(JOB_NAME_MAX, p.completions)
            : JOB_NAME_MAX,
        props: p,
        checked: {
          problems: [...checked.problems, ...(missing ? [missing] : []), ...(kueue ? [kueue] : [])],
          dropped: missing ? new Set([...checked.dropped, 'image']) : checked.dropped,
        },
        objectLabels: queued ? { [KUEUE_QUEUE_LABEL]: p.queueName as string } : undefined,
      },
      (report, name, labels) =>
        renderJobSpec(
          {
            ...(byName ? { ...p, ...byName(name) } : p),
            ...(queued ? { suspend: true } : {}),
          },
          p.completionMode,
          report,
          labels,
        ),
    );
  }
}
