import { Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { Secrets } from '../pod/env';
import { Named } from '../pod/k8s-types';
import { PodTemplateProps } from '../pod/pod-template';
import { checkProps, named, required, str } from '../pod/prop-types';
import { Resources } from '../pod/resources';
import { Volume } from '../pod/volume';
import { Problem, propProblem } from '../validation/problem';
import { BatchJob, BatchJobProps } from '../workloads/batch-job';
import { BATCH_JOB_FIELDS, handOver, omitFields } from '../workloads/props';
import { PresetOptions, presetResources, workerFailurePolicy } from './preset-options';

/** What to back up and where to. */
export interface BackupOptions {
  /** The PersistentVolumeClaim to back up; mounted read-only. */
  readonly sourceClaim: Named;
  /** Where the claim is mounted, and what is copied. @default '/data' */
  readonly sourcePath?: string;
  /** The object storage URL to copy to, e.g. `s3://my-bucket/backups/`; passed as BACKUP_DESTINATION. */
  readonly destination: string;
  /** A Secret whose keys become the storage credentials' variables (e.g. AWS_ACCESS_KEY_ID). */
  readonly credentials: Named;
}

export interface BackupJobProps
  extends Omit<BatchJobProps, 'completionMode'>, PresetOptions, BackupOptions {}

/** The runtime checks of BackupOptions. */
export const BACKUP_OPTION_FIELDS = {
  sourceClaim: required(named('PersistentVolumeClaim'), 'the claim to back up'),
  sourcePath: str(),
  destination: required(str(), 'e.g. "s3://my-bucket/backups/"'),
  credentials: required(named('Secret'), 'the Secret with the storage credentials'),
};

/** The props' runtime checks. */
export const BACKUP_FIELDS = {
  ...omitFields(BATCH_JOB_FIELDS, 'completionMode'),
  ...BACKUP_OPTION_FIELDS,
};

const RESOURCES: Resources = {
  requests: { cpu: '250m', memory: '256Mi' },
  limits: { memory: '1Gi' },
};

const STORAGE_URL = /^(s3|gs|az|abfss?|wasbs?|https):\/\/[^/\s]+(\/\S*)?$/;

/**
 * The pod of a backup (BackupJob and BackupCronJob): the claim mounted read-only, the
 * credentials as variables, `aws s3 sync` unless `command` is set; and the problems of the
 * backup options.
 */
export function backupPod(p: BackupOptions & PodTemplateProps): {
  pod: PodTemplateProps;
  problems: Problem[];
} {
  const problems: Problem[] = [];
  const sourcePath = p.sourcePath ?? '/data';
  const { destination } = p;
  if (destination !== undefined && !STORAGE_URL.test(destination)) {
    problems.push(
      propProblem('destination', 'must be an object storage URL', {
        value: destination,
        fix: 'e.g. s3://my-bucket/backups/ (s3, gs, az, abfs, wasb or https)',
      }),
    );
  }
  if (!sourcePath.startsWith('/')) {
    problems.push(propProblem('sourcePath', 'must be an absolute path', { value: sourcePath }));
  }
  const pod: PodTemplateProps = {
    ...(destination !== undefined && p.command === undefined
      ? { command: ['aws', 's3', 'sync', sourcePath, destination] }
      : {}),
    resources: presetResources(p, RESOURCES),
    env: {
      BACKUP_SOURCE: sourcePath,
      ...(destination !== undefined ? { BACKUP_DESTINATION: destination } : {}),
      ...p.env,
    },
    envFrom: [
      ...(p.credentials !== undefined ? [Secrets.all(p.credentials)] : []),
      ...(p.envFrom ?? []),
    ],
    volumes: [
      ...(p.volumes ?? []),
      ...(p.sourceClaim !== undefined
        ? [
            {
              path: sourcePath,
              volume: Volume.fromPersistentVolumeClaim(p.sourceClaim, { readOnly: true }),
              readOnly: true,
            },
          ]
        : []),
    ],
  };
  return { pod, problems };
}

/**
 * Copies a PersistentVolumeClaim's data to object storage, with the claim mounted
 * read-only and the credentials from a Secret. The default command is the AWS CLI's
 * `aws s3 sync` (image `amazon/aws-cli`); set `command` for another tool. For a backup on a
 * schedule, use BackupCronJob.
 *
 * @example
 * new BackupJob(chart, 'backup', {
 *   image: 'amazon/aws-cli:2.17.0', sourceClaim: 'agent-data', sourcePath: '/data/conversations',
 *   destination: 's3://my-bucket/backups/', credentials: 'aws-credentials',
 * });
 */
export class BackupJob extends BatchJob {
  public constructor(scope: Construct, id: string, props: BackupJobProps) {
    const kind = 'BackupJob';
    const checked = checkProps<BackupJobProps>(props, BACKUP_FIELDS, kind);
    const p = checked.props;
    const { pod, problems } = backupPod(p);
    const { sourceClaim, sourcePath, destination, credentials, ...general } = p;
    void [sourceClaim, sourcePath, destination, credentials];
    super(
      scope,
      id,
      handOver(
        {
          backoffLimit: 2,
          activeDeadline: Duration.hours(6),
          ttlAfterFinished: Duration.days(1),
          ...general,
          ...pod,
          podFailurePolicy: workerFailurePolicy(p, false),
        },
        checked,
      ),
      kind,
    );
    for (const problem of problems) this.addProblem(problem);
  }
}
