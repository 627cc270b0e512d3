/**
 * The pod's containers (validation.go validateContainers, validateInitContainers,
 * validateContainerCommon, validatePullPolicy, validateInitContainerRestartPolicy). The ports,
 * probes and lifecycle, resize policy and dropped-field rules live in sub-files re-exported here.
 */
import { Rule } from '../rule';
import { arr, obj, str } from '../read';
import { dns1123LabelProblem } from '../syntax';
import { serves } from '../versions';
import { eachContainerOf, hasPodSpec, present, served } from './container-walk';

export * from './ports';
export * from './probes';
export * from './container-dropped';
export * from './resize-policy';
export * from './image-reference';

/**
 * validation.go validateContainers and validateInitContainers: at least one container; names
 * are DNS-1123 labels, unique across init and regular containers (a collision is reported on
 * the later regular container, or on the init container); validateContainerCommon: an image.
 */
export const containers: Rule = {
  id: 'pod-containers',
  family: 1,
  scope: 'pod',
  summary: 'a pod has at least one container; names are unique DNS-1123 labels; each has an image',
  check(ctx) {
    if (!hasPodSpec(ctx)) return;
    const list = ctx.podSpec.containers;
    if (!present(list)) {
      ctx.report(`${ctx.podPath}.containers`, 'is required: a pod has at least one container');
    } else if (Array.isArray(list) && list.length === 0) {
      ctx.report(`${ctx.podPath}.containers`, 'must have at least one container');
    }
    // Init containers are checked against every regular container and the init containers
    // before them; regular containers against the regular containers before them.
    const initNames = new Set<string>();
    for (const c of arr(list)) {
      const name = str(obj(c)?.name);
      if (name) initNames.add(name);
    }
    const regularNames = new Set<string>();
    eachContainerOf(ctx, ({ container: c, path, init }) => {
      const name = c.name;
      if (name === undefined || name === null || name === '') {
        ctx.report(`${path}.name`, 'is required');
      } else if (typeof name === 'string') {
        const problem = dns1123LabelProblem(name);
        if (problem) ctx.report(`${path}.name`, problem, { value: name });
        const names = init ? initNames : regularNames;
        if (names.has(name)) {
          ctx.report(`${path}.name`, 'is the name of another container of the pod', {
            value: name,
            fix: 'give every container and init container its own name',
          });
        }
        names.add(name);
      }
      const image = c.image;
      if (image === undefined || image === null || image === '') {
        ctx.report(`${path}.image`, 'is required');
      }
    });
  },
};

/**
 * validation.go validateContainerOnlyForPod: the API server accepts a Job whose image has
 * leading or trailing whitespace (pod templates are exempt for backward compatibility), but
 * refuses every pod the Job controller then creates from it.
 */
export const containerImageWhitespace: Rule = {
  id: 'container-image-whitespace',
  family: 2,
  scope: 'pod',
  reads: { container: ['image'] },
  summary: 'an image with leading or trailing whitespace makes every pod of the Job be refused',
  check(ctx) {
    eachContainerOf(ctx, ({ container: c, path }) => {
      const image = c.image;
      if (typeof image !== 'string' || image === '' || image.trim() === image) return;
      ctx.report(
        `${path}.image`,
        'has leading or trailing whitespace: the Job is accepted, but the API server refuses to create its pods',
        { value: image, fix: 'remove the whitespace (quote the YAML value if it has a colon)' },
      );
    });
  },
};

const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];
const TERMINATION_MESSAGE_POLICIES = ['File', 'FallbackToLogsOnError'];

/**
 * validation.go validatePullPolicy and validateContainerCommon (terminationMessagePolicy).
 * An empty or absent value is defaulted by the server (IfNotPresent or Always, File).
 */
export const containerPolicies: Rule = {
  id: 'container-policies',
  family: 1,
  scope: 'pod',
  reads: { container: ['imagePullPolicy', 'terminationMessagePolicy'] },
  summary: 'imagePullPolicy and terminationMessagePolicy have supported values',
  check(ctx) {
    eachContainerOf(ctx, ({ container: c, path }) => {
      const pull = c.imagePullPolicy;
      if (typeof pull === 'string' && pull !== '' && !PULL_POLICIES.includes(pull)) {
        ctx.report(`${path}.imagePullPolicy`, `must be one of ${PULL_POLICIES.join(', ')}`, {
          value: pull,
        });
      }
      const message = c.terminationMessagePolicy;
      if (
        typeof message === 'string' &&
        message !== '' &&
        !TERMINATION_MESSAGE_POLICIES.includes(message)
      ) {
        ctx.report(
          `${path}.terminationMessagePolicy`,
          `must be one of ${TERMINATION_MESSAGE_POLICIES.join(', ')}`,
          { value: message },
        );
      }
    });
  },
};

const CONTAINER_RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];

/**
 * validation.go validateInitContainerRestartPolicy and validateContainers: before the
 * ContainerRestartRules feature an init container's restartPolicy can only be Always (a
 * sidecar) and a regular container has none. From 1.35 any container may set Always,
 * OnFailure or Never. (1.34 drops the other values, as 1.27 and 1.28 drop what they do not
 * serve: see container-dropped.)
 */
export const containerRestartPolicy: Rule = {
  id: 'container-restart-policy',
  family: 1,
  scope: 'pod',
  reads: { container: ['restartPolicy'] },
  summary: 'only init containers set restartPolicy, and only to Always (any container from 1.35)',
  check(ctx) {
    const rulesServed = served(ctx, 'restartRules');
    const rulesExist = served(ctx, 'restartRulesAlpha');
    eachContainerOf(ctx, ({ container: c, path, init }) => {
      const policy = c.restartPolicy;
      if (typeof policy !== 'string') return;
      const field = `${path}.restartPolicy`;
      if (rulesServed) {
        if (policy !== '' && !CONTAINER_RESTART_POLICIES.includes(policy)) {
          ctx.report(field, `must be one of ${CONTAINER_RESTART_POLICIES.join(', ')}`, {
            value: policy,
          });
        }
        return;
      }
      if (init) {
        // 1.34 drops a non-Always value (the ContainerRestartRules alpha is off).
        // Before 1.29 the API server drops it (container-field-dropped says so).
        if (policy !== 'Always' && !rulesExist && served(ctx, 'sidecars')) {
          ctx.report(field, 'must be Always (a sidecar) or left unset', {
            value: policy,
            fix: `other container restart policies need Kubernetes 1.35 (the target is ${ctx.targetVersion})`,
          });
        }
      } else if (!rulesExist && serves(ctx.targetVersion, '1.28')) {
        ctx.report(field, 'may not be set for a regular container, only for init containers', {
          value: policy,
          fix: `remove it; the pod's restartPolicy applies (per-container restart policies need Kubernetes 1.35, the target is ${ctx.targetVersion})`,
        });
      }
    });
  },
};
