import { Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { Secrets } from '../pod/env';
import { Named } from '../pod/k8s-types';
import { Resources } from '../pod/resources';
import { Volume } from '../pod/volume';
import { Problem, propProblem } from '../validation/problem';
import { BatchJob, BatchJobProps } from '../workloads/batch-job';
import { PresetOptions, kueueForJob, presetResources, workerFailurePolicy } from './preset-options';

export interface BackupJobProps extends Omit<BatchJobProps, 'completionMode'>, PresetOptions {
  /** The PersistentVolumeClaim to back up; mounted read-only. */
  readonly sourceClaim: Named;
  /** Where the claim is mounted, and what is copied. @default '/data' */
  readonly sourcePath?: string;
  /** The object storage URL to copy to, e.g. `s3://my-bucket/backups/`; passed as BACKUP_DESTINATION. */
  readonly destination: string;
  /** A Secret whose keys become the storage credentials' variables (e.g. AWS_ACCESS_KEY_ID). */
  readonly credentials: Named;
}

const RESOURCES: Resources = {
  requests: { cpu: '250m', memory: '256Mi' },
  limits: { memory: '1Gi' },
};

const STORAGE_URL = /^(s3|gs|az|abfss?|wasbs?|https):\/\/[^/\s]+(\/\S*)?$/;

/**
 * Copies a PersistentVolumeClaim's data to object storage, with the claim mounted
 * read-only and the credentials from a Secret. The default command is the AWS CLI's
 * `aws s3 sync` (image `amazon/aws-cli`); set `command` for another tool.
 *
 * @example
 * new BackupJob(chart, 'backup', {
 *   image: 'amazon/aws-cli:2.17.0', sourceClaim: 'agent-data', sourcePath: '/data/conversations',
 *   destination: 's3://my-bucket/backups/', credentials: 'aws-credentials',
 * });
 */
export class BackupJob extends BatchJob {
  public constructor(scope: Construct, id: string, props: BackupJobProps) {
    const problems: Problem[] = [];
    const sourcePath = props.sourcePath ?? '/data';
    super(
      scope,
      id,
      {
        backoffLimit: 2,
        activeDeadline: Duration.hours(6),
        ttlAfterFinished: Duration.days(1),
        command: ['aws', 's3', 'sync', sourcePath, props.destination],
        ...props,
        ...kueueForJob(props, problems),
        podFailurePolicy: workerFailurePolicy(props, false),
        resources: presetResources(props, RESOURCES),
        env: { BACKUP_SOURCE: sourcePath, BACKUP_DESTINATION: props.destination, ...props.env },
        envFrom: [Secrets.all(props.credentials), ...(props.envFrom ?? [])],
        volumes: [
          ...(props.volumes ?? []),
          {
            path: sourcePath,
            volume: Volume.fromPersistentVolumeClaim(props.sourceClaim, { readOnly: true }),
            readOnly: true,
          },
        ],
      },
      'BackupJob',
    );
    if (!STORAGE_URL.test(props.destination ?? '')) {
      problems.push(
        propProblem('destination', 'must be an object storage URL', {
          value: props.destination,
          fix: 'e.g. s3://my-bucket/backups/ (s3, gs, az, abfs, wasb or https)',
        }),
      );
    }
    if (!sourcePath.startsWith('/')) {
      problems.push(propProblem('sourcePath', 'must be an absolute path', { value: sourcePath }));
    }
    for (const p of problems) this.addProblem(p);
  }
}
