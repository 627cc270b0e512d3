import { Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { EnvValue } from '../pod/env';
import { envValue } from '../pod/pod-props';
import { checkProps, required, str } from '../pod/prop-types';
import { Resources } from '../pod/resources';
import { Problem } from '../validation/problem';
import { SCHEDULED_JOB_FIELDS, handOver, omitFields } from '../workloads/props';
import { ScheduledJob, ScheduledJobProps } from '../workloads/scheduled-job';
import {
  PresetOptions,
  presetResources,
  secretRefProblem,
  workerFailurePolicy,
} from './preset-options';
import { deadlineFitsSchedule, defaultActiveDeadline } from './scheduled-preset';

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

/** The props' runtime checks. */
export const EMBEDDING_REFRESH_FIELDS = {
  ...omitFields(SCHEDULED_JOB_FIELDS, 'schedule'),
  schedule: str(),
  vectorDbUrl: required(str({ nonEmpty: true }), 'e.g. "http://qdrant:6333"'),
  vectorDbUrlEnv: str({ nonEmpty: true }),
  embeddingApiKey: envValue(),
  embeddingApiKeyEnv: str({ nonEmpty: true }),
};

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
    const kind = 'EmbeddingRefreshCronJob';
    const checked = checkProps<EmbeddingRefreshCronJobProps>(props, EMBEDDING_REFRESH_FIELDS, kind);
    const p = checked.props;
    const schedule = p.schedule ?? '0 2 * * *';
    const startingDeadline = p.startingDeadline ?? Duration.minutes(10);
    const activeDeadline = p.activeDeadline ?? defaultActiveDeadline(schedule, Duration.hours(6));
    const { vectorDbUrl, vectorDbUrlEnv, embeddingApiKey, embeddingApiKeyEnv, ...general } = p;
    super(
      scope,
      id,
      handOver(
        {
          concurrencyPolicy: 'Forbid',
          successfulJobsHistoryLimit: 3,
          failedJobsHistoryLimit: 1,
          backoffLimit: 2,
          ...general,
          podFailurePolicy: workerFailurePolicy(p, false),
          schedule,
          startingDeadline,
          activeDeadline,
          resources: presetResources(p, RESOURCES),
          env: {
            ...(vectorDbUrl !== undefined
              ? { [vectorDbUrlEnv ?? 'VECTOR_DB_URL']: vectorDbUrl }
              : {}),
            // A literal key is reported below and kept out of the manifest.
            ...(embeddingApiKey instanceof EnvValue
              ? { [embeddingApiKeyEnv ?? 'OPENAI_API_KEY']: embeddingApiKey }
              : {}),
            ...p.env,
          },
        },
        checked,
      ),
      kind,
    );
    const problems = [
      secretRefProblem('embeddingApiKey', embeddingApiKey),
      deadlineFitsSchedule(
        schedule,
        activeDeadline,
        p.concurrencyPolicy === 'Allow' ? undefined : startingDeadline,
      ),
    ].filter((x): x is Problem => x !== undefined);
    for (const problem of problems) this.addProblem(problem);
  }
}
