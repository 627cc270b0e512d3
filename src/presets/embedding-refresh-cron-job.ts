import { Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { EnvValue } from '../pod/env';
import { Resources } from '../pod/resources';
import { Problem } from '../validation/problem';
import { ScheduledJob, ScheduledJobProps } from '../workloads/scheduled-job';
import {
  PresetOptions,
  kueueForCronJob,
  presetResources,
  secretRefProblem,
  workerFailurePolicy,
} from './preset-options';
import { deadlineFitsSchedule, defaultActiveDeadline, requiredProblem } from './scheduled-preset';

export interface EmbeddingRefreshCronJobProps
  extends Omit<ScheduledJobProps, 'schedule'>, PresetOptions {
  /** When to refresh. @default '0 2 * * *' (nightly) */
  readonly schedule?: string;
  /** The vector database's URL, e.g. `http://qdrant:6333`. */
  readonly vectorDbUrl: string;
  /** The variable the URL is passed in. @default 'VECTOR_DB_URL' */
  readonly vectorDbUrlEnv?: string;
  /** The embedding provider's API key, as `Secrets.key(secret, key)`. @default none */
  readonly embeddingApiKey?: EnvValue;
  /** The variable the key is passed in. @default 'OPENAI_API_KEY' */
  readonly embeddingApiKeyEnv?: string;
}

const RESOURCES: Resources = {
  requests: { cpu: '500m', memory: '1Gi' },
  limits: { memory: '2Gi' },
};

/**
 * Nightly refresh (or sync) of vector embeddings: one run at a time (Forbid), history 3/1,
 * a starting deadline, and an activeDeadline shorter than the time between runs, which is
 * checked against the schedule.
 *
 * @example
 * new EmbeddingRefreshCronJob(chart, 'embeddings', {
 *   image: 'ghcr.io/acme/embedder:1.4.2',
 *   timeZone: 'Europe/Berlin',
 *   vectorDbUrl: 'http://qdrant:6333',
 *   embeddingApiKey: Secrets.key('openai-credentials', 'api-key'),
 * });
 */
export class EmbeddingRefreshCronJob extends ScheduledJob {
  public constructor(scope: Construct, id: string, props: EmbeddingRefreshCronJobProps) {
    const problems: Problem[] = [];
    const schedule = props.schedule ?? '0 2 * * *';
    const startingDeadline = props.startingDeadline ?? Duration.minutes(10);
    const activeDeadline =
      props.activeDeadline ?? defaultActiveDeadline(schedule, Duration.hours(6));
    super(
      scope,
      id,
      {
        concurrencyPolicy: 'Forbid',
        successfulJobsHistoryLimit: 3,
        failedJobsHistoryLimit: 1,
        backoffLimit: 2,
        ...props,
        podFailurePolicy: workerFailurePolicy(props, false),
        ...kueueForCronJob(props, problems),
        schedule,
        startingDeadline,
        activeDeadline,
        resources: presetResources(props, RESOURCES),
        env: {
          [props.vectorDbUrlEnv ?? 'VECTOR_DB_URL']: props.vectorDbUrl,
          ...(props.embeddingApiKey
            ? { [props.embeddingApiKeyEnv ?? 'OPENAI_API_KEY']: props.embeddingApiKey }
            : {}),
          ...props.env,
        },
      },
      'EmbeddingRefreshCronJob',
    );
    problems.push(
      ...[
        requiredProblem('vectorDbUrl', props.vectorDbUrl),
        secretRefProblem('embeddingApiKey', props.embeddingApiKey),
        deadlineFitsSchedule(
          schedule,
          activeDeadline,
          props.concurrencyPolicy === 'Allow' ? undefined : startingDeadline,
        ),
      ].filter((p): p is Problem => p !== undefined),
    );
    for (const p of problems) this.addProblem(p);
  }
}
