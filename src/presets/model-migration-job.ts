import { Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { EnvValue } from '../pod/env';
import { envValue } from '../pod/pod-props';
import { checkProps, required, str } from '../pod/prop-types';
import { Resources } from '../pod/resources';
import { Problem, propProblem } from '../validation/problem';
import { BatchJob, BatchJobProps } from '../workloads/batch-job';
import { BATCH_JOB_FIELDS, handOver, omitFields } from '../workloads/props';
import {
  PresetOptions,
  presetResources,
  secretRefProblem,
  workerFailurePolicy,
} from './preset-options';

export interface ModelMigrationJobProps
  extends Omit<BatchJobProps, 'completionMode'>, PresetOptions {
  /** The model migrated from, e.g. `gpt-3.5-turbo`; passed as SOURCE_MODEL. */
  readonly sourceModel: string;
  /** The model migrated to, e.g. `gpt-4o-mini`; passed as TARGET_MODEL. */
  readonly targetModel: string;
  /** The database's URL, as `Secrets.key(secret, key)`; passed as DB_URL. */
  readonly databaseUrl: EnvValue;
}

/** The props' runtime checks. */
export const MODEL_MIGRATION_FIELDS = {
  ...omitFields(BATCH_JOB_FIELDS, 'completionMode'),
  sourceModel: required(str({ nonEmpty: true }), 'e.g. "gpt-3.5-turbo"'),
  targetModel: required(str({ nonEmpty: true }), 'e.g. "gpt-4o-mini"'),
  databaseUrl: required(envValue(), "e.g. Secrets.key('db-credentials', 'connection-string')"),
};

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
    const kind = 'ModelMigrationJob';
    const checked = checkProps<ModelMigrationJobProps>(props, MODEL_MIGRATION_FIELDS, kind);
    const p = checked.props;
    const { sourceModel, targetModel, databaseUrl, ...general } = p;
    const literal = secretRefProblem('databaseUrl', databaseUrl);
    super(
      scope,
      id,
      handOver(
        {
          backoffLimit: 2,
          ttlAfterFinished: Duration.hours(1),
          activeDeadline: Duration.hours(2),
          ...general,
          podFailurePolicy: workerFailurePolicy(p, false),
          resources: presetResources(p, RESOURCES),
          env: {
            ...(sourceModel !== undefined ? { SOURCE_MODEL: sourceModel } : {}),
            ...(targetModel !== undefined ? { TARGET_MODEL: targetModel } : {}),
            // A credential that is not a Secret reference is reported, and kept out of the manifest.
            ...(databaseUrl instanceof EnvValue ? { DB_URL: databaseUrl } : {}),
            ...p.env,
          },
        },
        checked,
      ),
      kind,
    );
    const problems = [
      literal,
      sourceModel !== undefined && sourceModel === targetModel
        ? propProblem('targetModel', 'is the source model: the migration would do nothing', {
            value: targetModel,
            family: 2,
          })
        : undefined,
    ].filter((x): x is Problem => x !== undefined);
    for (const problem of problems) this.addProblem(problem);
  }
}
