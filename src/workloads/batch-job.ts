import { Construct } from 'constructs';
import { PodTemplateProps } from '../pod/pod-template';
import { JOB_NAME_MAX } from '../validation/rules/metadata';
import { CompletionMode, JobSpecProps, renderJobSpec } from './job-spec';
import { WorkloadProps, Workload } from './workload';
import { indexedNameLength } from './names';

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
    super(
      scope,
      id,
      {
        kind: 'Job',
        constructKind,
        maxNameLength:
          props.completionMode === 'Indexed'
            ? indexedNameLength(JOB_NAME_MAX, props.completions)
            : JOB_NAME_MAX,
        props,
      },
      (report, name) =>
        renderJobSpec(
          byName ? { ...props, ...byName(name) } : props,
          props.completionMode,
          'spec',
          report,
        ),
    );
  }
}
