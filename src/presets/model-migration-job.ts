import { Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { EnvValue } from '../pod/env';
import { Resources } from '../pod/resources';
import { Problem, propProblem } from '../validation/problem';
import { BatchJob, BatchJobProps } from '../workloads/batch-job';
import {
  PresetOptions,
  kueueForJob,
  presetResources,
  secretRefProblem,
  workerFailurePolicy,
} from './preset-options';
import { requiredProblem } from './scheduled-preset';

export interface ModelMigrationJobProps
  extends Omit<BatchJobProps, 'completionMode'>, PresetOptions {
  /** The model migrated from, e.g. `gpt-3.5-turbo`; passed as SOURCE_MODEL. */
  readonly sourceModel: string;
  /** The model migrated to, e.g. `gpt-4o-mini`; passed as TARGET_MODEL. */
  readonly targetModel: string;
  /** The database's URL, as `Secrets.key(secret, key)`; passed as DB_URL. */
  readonly databaseUrl: EnvValue;
}

const RESOURCES: Resources = {
  requests: { cpu: '500m', memory: '1Gi' },
  limits: { memory: '2Gi' },
};

/**
 * A one-time migration when upgrading a model: no restarts in place, few retries, a
 * deadline, and the finished Job cleaned up after an hour.
 *
 * @example
 * new ModelMigrationJob(chart, 'migrate', {
 *   image: 'ghcr.io/acme/model-migrator:2.0.0',
 *   sourceModel: 'gpt-3.5-turbo', targetModel: 'gpt-4o-mini',
 *   databaseUrl: Secrets.key('db-credentials', 'connection-string'),
 * });
 */
export class ModelMigrationJob extends BatchJob {
  public constructor(scope: Construct, id: string, props: ModelMigrationJobProps) {
    const problems: Problem[] = [];
    super(
      scope,
      id,
      {
        backoffLimit: 2,
        ttlAfterFinished: Duration.hours(1),
        activeDeadline: Duration.hours(2),
        ...props,
        ...kueueForJob(props, problems),
        podFailurePolicy: workerFailurePolicy(props, false),
        resources: presetResources(props, RESOURCES),
        env: {
          SOURCE_MODEL: props.sourceModel,
          TARGET_MODEL: props.targetModel,
          DB_URL: props.databaseUrl,
          ...props.env,
        },
      },
      'ModelMigrationJob',
    );
    problems.push(
      ...[
        requiredProblem('sourceModel', props.sourceModel),
        requiredProblem('targetModel', props.targetModel),
        secretRefProblem('databaseUrl', props.databaseUrl),
        props.sourceModel === props.targetModel && props.sourceModel
          ? propProblem('targetModel', 'is the source model: the migration would do nothing', {
              value: props.targetModel,
              family: 2,
            })
          : undefined,
      ].filter((p): p is Problem => p !== undefined),
    );
    for (const p of problems) this.addProblem(p);
  }
}
