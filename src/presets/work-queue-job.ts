import { Construct } from 'constructs';
import { EnvValue } from '../pod/env';
import { envValue } from '../pod/pod-props';
import { checkProps, int, required, str } from '../pod/prop-types';
import { Resources } from '../pod/resources';
import { propProblem } from '../validation/problem';
import { BatchJob, BatchJobProps } from '../workloads/batch-job';
import { BATCH_JOB_FIELDS, handOver, omitFields } from '../workloads/props';
import { PresetOptions, presetResources, workerFailurePolicy } from './preset-options';

export interface WorkQueueJobProps
  extends Omit<BatchJobProps, 'completions' | 'completionMode' | 'parallelism'>, PresetOptions {
  /** Workers that pull from the queue at once; the Job completes when one succeeds and all have exited. */
  readonly parallelism: number;
  /** The queue's URL (e.g. `redis://redis:6379/0`), a literal or `Secrets.key(...)` when it holds a password. */
  readonly queueUrl: string | EnvValue;
  /** The variable the URL is passed in. @default 'QUEUE_URL' */
  readonly queueUrlEnv?: string;
}

/** The props' runtime checks. */
export const WORK_QUEUE_FIELDS = {
  ...omitFields(BATCH_JOB_FIELDS, 'completions', 'completionMode', 'parallelism'),
  parallelism: required(int(), 'the number of workers'),
  queueUrl: required(envValue(), 'e.g. "redis://redis:6379/0"'),
  queueUrlEnv: str({ nonEmpty: true }),
};

const RESOURCES: Resources = {
  requests: { cpu: '500m', memory: '1Gi' },
  limits: { memory: '2Gi' },
};

/**
 * The work-queue pattern: `parallelism` workers, completions unset, each pulls items
 * until the queue is empty and then exits 0.
 *
 * @example
 * new WorkQueueJob(chart, 'embed-queue', {
 *   image: 'ghcr.io/acme/queue-worker:1.0.0', parallelism: 5, queueUrl: 'redis://redis:6379/0',
 * });
 */
export class WorkQueueJob extends BatchJob {
  public constructor(scope: Construct, id: string, props: WorkQueueJobProps) {
    const kind = 'WorkQueueJob';
    const checked = checkProps<WorkQueueJobProps>(props, WORK_QUEUE_FIELDS, kind);
    const p = checked.props;
    const { queueUrl, queueUrlEnv, ...general } = p;
    super(
      scope,
      id,
      handOver(
        {
          ...general,
          // A parallelism below 1 is reported below, once.
          parallelism:
            p.parallelism !== undefined && p.parallelism >= 1 ? p.parallelism : undefined,
          podFailurePolicy: workerFailurePolicy(p, false),
          resources: presetResources(p, RESOURCES),
          env: {
            ...(queueUrl !== undefined ? { [queueUrlEnv ?? 'QUEUE_URL']: queueUrl } : {}),
            ...p.env,
          },
        },
        checked,
      ),
      kind,
    );
    if (p.parallelism !== undefined && p.parallelism < 1) {
      this.addProblem(
        propProblem('parallelism', 'must be 1 or more: the workers that pull from the queue', {
          value: p.parallelism,
        }),
      );
    }
    if (typeof queueUrl === 'string' && queueUrl.trim() === '') {
      this.addProblem(propProblem('queueUrl', 'must not be empty', { value: queueUrl }));
    }
  }
}
