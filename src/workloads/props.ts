/**
 * The runtime checks of the general constructs' props (the pod template's are in
 * pod/pod-props.ts), and the hand-over of checked props from a preset to the construct it
 * builds on, so each prop is checked once, before anything reads it.
 */
import { POD_TEMPLATE_FIELDS } from '../pod/pod-props';
import {
  CheckedProps,
  Fields,
  bool,
  checkProps,
  duration,
  int,
  json,
  list,
  oneOf,
  required,
  shape,
  str,
  strList,
  strRecord,
  wrong,
} from '../pod/prop-types';
import { Problem, propProblem } from '../validation/problem';
import { RELAXABLE_RULES } from '../validation/relaxable';

const INT32_MAX = 2 ** 31 - 1;

/** ApiObjectMetadata: the known fields checked, any other passed on as YAML data. */
const METADATA = shape(
  {
    name: str(),
    namespace: str(),
    labels: strRecord(),
    annotations: strRecord(),
    finalizers: strList(),
    ownerReferences: list(json('an owner reference as in the YAML')),
    generateName: (value, path, ctx) =>
      wrong(
        ctx,
        path,
        'is not supported: the constructs name every object',
        value,
        'set metadata.name, or leave it unset for a generated, stable name',
      ),
  },
  'metadata ({ name?, namespace?, labels?, annotations? })',
);

export const WORKLOAD_FIELDS: Fields = {
  metadata: METADATA,
  allow: list(oneOf(RELAXABLE_RULES), `a list of rule ids such as ['image-tag']`),
  recommendedLabels: bool(),
};

const POD_FAILURE_RULE = shape(
  {
    action: required(oneOf(['FailJob', 'FailIndex', 'Ignore', 'Count'] as const)),
    onExitCodes: shape(
      {
        containerName: str(),
        operator: required(oneOf(['In', 'NotIn'] as const)),
        values: required(list(int(), 'a list of exit codes')),
      },
      'onExitCodes ({ operator, values })',
    ),
    onPodConditions: list(
      shape(
        {
          type: required(str()),
          status: oneOf(['True', 'False', 'Unknown'] as const),
        },
        'a pod condition ({ type, status? })',
      ),
    ),
  },
  'a pod failure policy rule ({ action, onExitCodes | onPodConditions })',
);

export const JOB_SPEC_FIELDS: Fields = {
  parallelism: int(),
  completions: int(),
  backoffLimit: int(),
  backoffLimitPerIndex: int(),
  maxFailedIndexes: int(),
  activeDeadline: duration(),
  ttlAfterFinished: duration({ maxSeconds: INT32_MAX }),
  podFailurePolicy: shape(
    { rules: required(list(POD_FAILURE_RULE, 'a list of rules')) },
    'a pod failure policy ({ rules })',
  ),
  successPolicy: shape(
    {
      rules: required(
        list(
          shape(
            { succeededIndexes: str(), succeededCount: int() },
            'a success policy rule ({ succeededIndexes?, succeededCount? })',
          ),
          'a list of rules',
        ),
      ),
    },
    'a success policy ({ rules })',
  ),
  podReplacementPolicy: oneOf(['Failed', 'TerminatingOrFailed'] as const),
  suspend: bool(),
  managedBy: str(),
  queueName: str({ nonEmpty: true }),
};

export const BATCH_JOB_FIELDS: Fields = {
  ...WORKLOAD_FIELDS,
  ...JOB_SPEC_FIELDS,
  ...POD_TEMPLATE_FIELDS,
  completionMode: oneOf(['NonIndexed', 'Indexed'] as const),
};

const {
  completionMode: _mode,
  completions: _completions,
  ...BATCH_WITHOUT_COMPLETIONS
} = BATCH_JOB_FIELDS;
void _mode;
void _completions;

export const INDEXED_JOB_FIELDS: Fields = {
  ...BATCH_WITHOUT_COMPLETIONS,
  completions: required(int(), 'the number of indexes'),
  totalItems: int(),
};

export const SCHEDULED_JOB_FIELDS: Fields = {
  ...BATCH_JOB_FIELDS,
  totalItems: int(),
  schedule: required(str(), "e.g. '0 2 * * *' or '@daily'"),
  timeZone: str(),
  concurrencyPolicy: oneOf(['Allow', 'Forbid', 'Replace'] as const),
  startingDeadline: duration(),
  suspend: bool(),
  successfulJobsHistoryLimit: int(),
  failedJobsHistoryLimit: int(),
  jobSuspend: bool(),
  jobMetadata: shape(
    { labels: strRecord(), annotations: strRecord() },
    'job metadata ({ labels?, annotations? })',
  ),
};

/** Fields without some keys (for props interfaces built with Omit). */
export function omitFields(fields: Fields, ...keys: string[]): Fields {
  return Object.fromEntries(Object.entries(fields).filter(([k]) => !keys.includes(k)));
}

/** What a construct hands to the one it builds on: the problems of the props it checked. */
interface Handover {
  readonly problems: readonly Problem[];
  readonly dropped: ReadonlySet<string>;
}

const HANDED_OVER = new WeakMap<object, Handover>();

/**
 * Marks props built from checked props (plus a preset's defaults) as checked, so the
 * construct they are passed to does not check them again, and carries their problems.
 */
export function handOver<P extends object>(props: P, checked: Handover): P {
  HANDED_OVER.set(props, { problems: checked.problems, dropped: checked.dropped });
  return props;
}

/** The checked props: those handed over by a subclass, or the raw props checked now. */
export function propsOf<P>(props: unknown, fields: Fields, constructKind: string): CheckedProps<P> {
  if (typeof props === 'object' && props !== null) {
    const handed = HANDED_OVER.get(props);
    if (handed) {
      return { props: props as P, problems: [...handed.problems], dropped: handed.dropped };
    }
  }
  const checked = checkProps<P>(props, fields, constructKind);
  return checked;
}

/** A pod template needs a container: `image`, or a non-empty `containers`. */
export function containerProblem(
  props: { image?: unknown; containers?: unknown[] },
  dropped: ReadonlySet<string>,
): Problem | undefined {
  if (props.image !== undefined) return undefined;
  if (props.containers && props.containers.length > 0) return undefined;
  if (dropped.has('image') || dropped.has('props')) return undefined;
  if ([...dropped].some((d) => d === 'containers' || d.startsWith('containers['))) return undefined;
  return propProblem('image', 'is required: the image of the container (or set containers)', {
    fix: "e.g. image: 'ghcr.io/acme/worker:1.0.0'",
  });
}
