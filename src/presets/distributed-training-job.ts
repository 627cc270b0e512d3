import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { EnvRecord, EnvValue } from '../pod/env';
import { Resources } from '../pod/resources';
import { Volume } from '../pod/volume';
import {
  JOB_COMPLETION_INDEX,
  MASTER_ADDR,
  MASTER_PORT,
  NNODES,
  NPROC_PER_NODE,
} from '../runtime/contract';
import { ExitCode } from '../runtime/exit-codes';
import { Problem, propProblem } from '../validation/problem';
import { compareQuantities, parseQuantityString } from '../validation/quantity';
import { dns1123LabelProblem } from '../validation/syntax';
import { TargetVersion } from '../validation/target-version';
import { serves } from '../validation/versions';
import { COMPLETION_INDEX_ANNOTATION, IndexedJob, IndexedJobProps } from '../workloads/indexed-job';
import { PodFailure } from '../workloads/policies';
import { PresetOptions, presetResources } from './preset-options';
import { checkProps, int, required, str } from '../pod/prop-types';
import { INDEXED_JOB_FIELDS, handOver, omitFields } from '../workloads/props';

export interface DistributedTrainingJobProps
  extends
    Omit<
      IndexedJobProps,
      'completions' | 'parallelism' | 'totalItems' | 'subdomain' | 'successPolicy' | 'gpu'
    >,
    Omit<PresetOptions, 'gpu'> {
  /** Pods that train together (torchrun's --nnodes); all run at once, index 0 leads. */
  readonly nodes: number;
  /** GPUs per pod (`nvidia.com/gpu`, requests = limits, with the GPU node toleration). @default none (CPU training) */
  readonly gpusPerNode?: number;
  /** Worker processes per pod (torchrun's --nproc-per-node). @default gpusPerNode, or 1 without GPUs */
  readonly procsPerNode?: number;
  /** The port the leader (index 0) listens on for the rendezvous. @default 29500 */
  readonly masterPort?: number;
  /** Size of the memory-backed /dev/shm that DataLoader workers and NCCL use; counts against the memory limit. @default '8Gi' */
  readonly shmSize?: string;
}

/** The props' runtime checks. */
export const DISTRIBUTED_TRAINING_FIELDS = {
  ...omitFields(
    INDEXED_JOB_FIELDS,
    'completions',
    'parallelism',
    'totalItems',
    'subdomain',
    'successPolicy',
    'gpu',
  ),
  nodes: required(int(), 'the number of pods that train together'),
  gpusPerNode: int(),
  procsPerNode: int(),
  masterPort: int(),
  shmSize: str(),
};

const RESOURCES: Resources = {
  requests: { cpu: '8', memory: '64Gi' },
  limits: { memory: '64Gi' },
};

const DEFAULT_MASTER_PORT = 29500;
const DEFAULT_SHM = '8Gi';
const JOB_NAME_LABEL = 'batch.kubernetes.io/job-name';

/** DNS-1035: what a Service name must be (a DNS-1123 label that starts with a letter). */
function serviceNameProblem(name: string): string | undefined {
  return (
    dns1123LabelProblem(name) ?? (/^[a-z]/.test(name) ? undefined : 'must start with a letter')
  );
}

/** The size of a quantity string, or undefined when it is not one. */
function size(shm: unknown): ReturnType<typeof parseQuantityString> | undefined {
  return typeof shm === 'string' ? parseQuantityString(shm.trim()) : undefined;
}

function isCount(n: unknown, min: number): n is number {
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= min;
}

/** The problems with the sizing props. */
function sizingProblems(props: DistributedTrainingJobProps, shm: string): Problem[] {
  const problems: Problem[] = [];
  if (!isCount(props.nodes, 1)) {
    problems.push(
      propProblem('nodes', 'must be a whole number of pods, 1 or more', { value: props.nodes }),
    );
  }
  if (props.gpusPerNode !== undefined && !isCount(props.gpusPerNode, 1)) {
    problems.push(
      propProblem(
        'gpusPerNode',
        'must be a whole number of GPUs, 1 or more (GPUs cannot be shared by fractions)',
        {
          value: props.gpusPerNode,
        },
      ),
    );
  }
  if (props.procsPerNode !== undefined && !isCount(props.procsPerNode, 1)) {
    problems.push(
      propProblem('procsPerNode', 'must be a whole number, 1 or more', {
        value: props.procsPerNode,
      }),
    );
  }
  const port = props.masterPort;
  if (port !== undefined && (!isCount(port, 1) || port > 65535)) {
    problems.push(
      propProblem('masterPort', 'must be a port number from 1 to 65535', { value: port }),
    );
  }
  const size = typeof shm === 'string' ? parseQuantityString(shm.trim()) : undefined;
  if (size === undefined) {
    problems.push(propProblem('shmSize', 'must be a quantity such as "8Gi"', { value: shm }));
  } else {
    const limit = (props.resources ?? RESOURCES).limits?.memory;
    const memory = typeof limit === 'string' ? parseQuantityString(limit.trim()) : undefined;
    if (memory !== undefined && compareQuantities(size, memory) > 0) {
      problems.push(
        propProblem(
          'shmSize',
          `is larger than the memory limit (${limit}): /dev/shm is memory, so the pod is OOM-killed before it fills`,
          {
            value: shm,
            family: 2,
            fix: `set shmSize to at most ${limit}, or raise resources.limits.memory`,
          },
        ),
      );
    }
  }
  return problems;
}

/**
 * Multi-node training or fine-tuning on plain batch/v1 (PyTorch DDP/FSDP with torchrun, or
 * DeepSpeed): an Indexed Job of `nodes` pods that all run at once, plus the headless Service
 * that gives each pod the name `<job>-<index>.<service>`. Every pod gets the rank contract
 * (MASTER_ADDR, MASTER_PORT, NNODES, NPROC_PER_NODE, NODE_RANK and torchrun's PET_*
 * variables); a failed pod fails the Job (a lone replacement cannot rejoin the group),
 * disruptions do not count against the retries, a replacement never overlaps its predecessor,
 * and the Job succeeds when the leader does.
 *
 * @example
 * new DistributedTrainingJob(chart, 'finetune', {
 *   image: 'ghcr.io/acme/train:1.0.0', nodes: 4, gpusPerNode: 8,
 *   command: ['torchrun', 'train.py'], queueName: 'gpu',
 * });
 * // in the worker: const { rank, masterAddr } = distributedEnv();
 */
export class DistributedTrainingJob extends IndexedJob {
  /** The headless Service whose name is the pods' subdomain. */
  public readonly service: ApiObject;
  /** The leader's address as every pod sees it: `<job>-0.<service>`. */
  public readonly masterAddr: string;

  public constructor(scope: Construct, id: string, rawProps: DistributedTrainingJobProps) {
    const kind = 'DistributedTrainingJob';
    const checked = checkProps<DistributedTrainingJobProps>(
      rawProps,
      DISTRIBUTED_TRAINING_FIELDS,
      kind,
    );
    const props = checked.props;
    const problems: Problem[] = [...checked.problems];
    const nodes = isCount(props.nodes, 1) ? props.nodes : 1;
    const gpus = props.gpusPerNode;
    const procsPerNode = props.procsPerNode ?? (isCount(gpus, 1) ? gpus : 1);
    const masterPort = props.masterPort ?? DEFAULT_MASTER_PORT;
    const shm = props.shmSize ?? DEFAULT_SHM;
    problems.push(...sizingProblems(props, shm).filter((p) => !checked.dropped.has(p.field)));
    const successServed = serves(TargetVersion.of(scope), '1.31');
    const podFailurePolicy = props.podFailurePolicy ?? {
      rules: [
        PodFailure.ignoreDisruptions(),
        {
          action: 'FailJob' as const,
          onExitCodes: { operator: 'NotIn' as const, values: [ExitCode.SUCCESS] },
        },
      ],
    };
    const contract = (name: string): EnvRecord => {
      const rank = EnvValue.fromField(COMPLETION_INDEX_ANNOTATION);
      const addr = `${name}-0.${name}`;
      return {
        [JOB_COMPLETION_INDEX]: rank,
        [NNODES]: String(nodes),
        [NPROC_PER_NODE]: String(procsPerNode),
        [MASTER_ADDR]: addr,
        [MASTER_PORT]: String(masterPort),
        NODE_RANK: rank,
        WORLD_SIZE: String(nodes * procsPerNode),
        PET_NNODES: String(nodes),
        PET_NPROC_PER_NODE: String(procsPerNode),
        PET_NODE_RANK: rank,
        PET_MASTER_ADDR: addr,
        PET_MASTER_PORT: String(masterPort),
      };
    };
    for (const variable of Object.keys(contract('x'))) {
      if (props.env && Object.prototype.hasOwnProperty.call(props.env, variable)) {
        problems.push(
          propProblem(
            `env.${variable}`,
            'is part of the rank contract the construct injects: a different value would give pods a wrong rank or leader',
            {
              fix: `remove it; set nodes, procsPerNode or masterPort instead`,
            },
          ),
        );
      }
    }
    const {
      nodes: _nodes,
      gpusPerNode: _gpus,
      procsPerNode: _procs,
      masterPort: _port,
      shmSize: _shm,
      ...general
    } = props;
    void [_nodes, _gpus, _procs, _port, _shm];
    super(
      scope,
      id,
      handOver(
        {
          backoffLimit: 0,
          podReplacementPolicy: 'Failed',
          ...general,
          completions: nodes,
          parallelism: nodes,
          podFailurePolicy,
          ...(successServed ? { successPolicy: { rules: [{ succeededIndexes: '0' }] } } : {}),
          resources: presetResources(props, RESOURCES),
          ...(isCount(gpus, 1) && !props.containers ? { gpu: gpus } : {}),
          volumes: [
            ...(props.volumes ?? []),
            {
              path: '/dev/shm',
              volume: Volume.fromEmptyDir('dshm', {
                medium: 'Memory',
                ...(size(shm) ? { sizeLimit: shm } : {}),
              }),
            },
          ],
        },
        { problems, dropped: checked.dropped },
      ),
      kind,
      (name) => ({ subdomain: name, env: { ...props.env, ...contract(name) } }),
    );
    this.masterAddr = `${this.name}-0.${this.name}`;
    const late: Problem[] = [];
    const serviceProblem = serviceNameProblem(this.name);
    if (serviceProblem) {
      late.push(
        propProblem('metadata.name', `names the headless Service too, which ${serviceProblem}`, {
          value: this.name,
          fix: 'start the name with a letter',
        }),
      );
    }
    this.service = new ApiObject(this, 'Service', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name: this.name,
        ...(props.metadata?.namespace ? { namespace: props.metadata.namespace } : {}),
      },
      spec: {
        clusterIP: 'None',
        publishNotReadyAddresses: true,
        selector: { [JOB_NAME_LABEL]: this.name },
        ports: [{ name: 'rendezvous', port: masterPort, targetPort: masterPort, protocol: 'TCP' }],
      },
    });
    for (const p of late) this.addProblem(p);
  }
}
