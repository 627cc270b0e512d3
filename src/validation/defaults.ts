import { Obj, isObj } from './read';
import { KubernetesVersion, featureEnabled, serves } from './versions';
import {
  Edit,
  defaultFieldRef,
  isEmptyMap,
  isUnset,
  isUnsetInt,
  isUnsetString,
  pullPolicyFor,
  withChild,
} from './defaults-util';
import { defaultVolume } from './defaults-volumes';

/**
 * The object as the API server validates it: a copy with the server's defaults applied, as
 * pkg/apis/batch/v1/defaults.go (SetDefaults_Job, SetDefaults_CronJob) and the pod template
 * parts of pkg/apis/core/v1/defaults.go do on decode, before validation.
 *
 * - The input is never mutated; only the objects on the path to a defaulted field are copied,
 *   everything else is shared, so an object that needs no default comes back as is.
 * - Field paths do not move: arrays keep their order and length.
 * - A field is defaulted only when it is unset as Go sees it (absent, `null`, or the zero value
 *   `""` / `0` where the Go field is not a pointer); a value of the wrong JSON type is left alone
 *   for the decoding rule.
 * - Not applied, on purpose:
 *   - the pod `restartPolicy` (SetDefaults_PodSpec would set Always): the Job rules report a
 *     missing restartPolicy with a clearer message than "Always is not allowed";
 *   - SetDefaults_Pod (requests copied from limits, pod-level requests and limits, host network
 *     ports): upstream runs it on Pods only, never on a Job's or CronJob's pod template;
 *   - SetDefaults_ResourceList (every requests and limits value rounded up to milli scale): the
 *     resource rules compare rounded values themselves, so reports still show the value as
 *     written (see quantity.ts roundUp);
 *   - SetDefaults_Job on a CronJob's jobTemplate: the generated CronJob defaulter does not call
 *     it; the Job gets those defaults when the CronJob controller creates it.
 */
export function withServerDefaults(manifest: Obj, targetVersion: KubernetesVersion): Obj {
  const kind = manifest.kind;
  if (kind !== 'Job' && kind !== 'CronJob') return manifest;
  const edit = new Edit(manifest);
  if (kind === 'Job') {
    edit.child('spec', (spec) => defaultJobSpec(spec, targetVersion));
    // `labels := obj.Spec.Template.Labels; if labels != nil && len(obj.Labels) == 0`
    const spec = edit.current('spec');
    const template = isObj(spec) ? spec.template : undefined;
    const templateMeta = isObj(template) ? template.metadata : undefined;
    const labels = isObj(templateMeta) ? templateMeta.labels : undefined;
    if (isObj(labels)) {
      edit.child('metadata', (meta) =>
        isEmptyMap(meta.labels) ? new Edit(meta).set('labels', labels).done() : meta,
      );
    }
  } else {
    edit.child('spec', (spec) => defaultCronJobSpec(spec, targetVersion));
  }
  return edit.done();
}

/** SetDefaults_CronJob, then the pod template defaults of its jobTemplate. */
function defaultCronJobSpec(spec: Obj, target: KubernetesVersion): Obj {
  const edit = new Edit(spec);
  if (isUnsetString(spec.concurrencyPolicy)) edit.set('concurrencyPolicy', 'Allow');
  if (isUnset(spec.suspend)) edit.set('suspend', false);
  if (isUnset(spec.successfulJobsHistoryLimit)) edit.set('successfulJobsHistoryLimit', 3);
  if (isUnset(spec.failedJobsHistoryLimit)) edit.set('failedJobsHistoryLimit', 1);
  edit.child('jobTemplate', (jt) =>
    new Edit(jt)
      .child('spec', (js) =>
        new Edit(js).child('template', (t) => defaultTemplate(t, target)).done(),
      )
      .done(),
  );
  return edit.done();
}

/** SetDefaults_Job on a Job's spec, then the pod template defaults. */
function defaultJobSpec(spec: Obj, target: KubernetesVersion): Obj {
  const edit = new Edit(spec);
  if (isUnset(spec.completions) && isUnset(spec.parallelism)) {
    edit.set('completions', 1);
    edit.set('parallelism', 1);
  } else if (isUnset(spec.parallelism)) {
    edit.set('parallelism', 1);
  }
  if (isUnset(spec.backoffLimit)) {
    const perIndex = serves(target, '1.28') && !isUnset(spec.backoffLimitPerIndex);
    edit.set('backoffLimit', perIndex ? 2147483647 : 6);
  }
  if (isUnset(spec.completionMode)) edit.set('completionMode', 'NonIndexed');
  if (isUnset(spec.suspend)) edit.set('suspend', false);
  edit.child('podFailurePolicy', defaultPodFailurePolicy);
  if (featureEnabled('JobPodReplacementPolicy', target) && isUnset(spec.podReplacementPolicy)) {
    edit.set(
      'podReplacementPolicy',
      isUnset(spec.podFailurePolicy) ? 'TerminatingOrFailed' : 'Failed',
    );
  }
  if (isUnset(spec.manualSelector)) edit.set('manualSelector', false);
  edit.child('template', (t) => defaultTemplate(t, target));
  return edit.done();
}

function defaultPodFailurePolicy(policy: Obj): Obj {
  return new Edit(policy).array('rules', defaultPodFailurePolicyRule).done();
}

function defaultPodFailurePolicyRule(rule: Obj): Obj {
  return new Edit(rule).array('onPodConditions', defaultPodConditionPattern).done();
}

function defaultPodConditionPattern(pattern: Obj): Obj {
  return isUnsetString(pattern.status) ? new Edit(pattern).set('status', 'True').done() : pattern;
}

function defaultTemplate(template: Obj, target: KubernetesVersion): Obj {
  return new Edit(template).child('spec', (spec) => defaultPodSpec(spec, target)).done();
}

/** SetDefaults_PodSpec (but restartPolicy) and the defaulters of everything inside it. */
function defaultPodSpec(spec: Obj, target: KubernetesVersion): Obj {
  const edit = new Edit(spec);
  if (isUnsetString(spec.dnsPolicy)) edit.set('dnsPolicy', 'ClusterFirst');
  // Not restartPolicy: see withServerDefaults.
  if (isUnset(spec.securityContext)) edit.set('securityContext', {});
  if (isUnset(spec.terminationGracePeriodSeconds)) edit.set('terminationGracePeriodSeconds', 30);
  if (isUnsetString(spec.schedulerName)) edit.set('schedulerName', 'default-scheduler');
  edit.array('volumes', (v) => defaultVolume(v, target));
  edit.array('initContainers', defaultContainer);
  edit.array('containers', defaultContainer);
  return edit.done();
}

/** SetDefaults_Container, SetDefaults_ContainerPort, the env field selectors and the probes. */
function defaultContainer(container: Obj): Obj {
  const edit = new Edit(container);
  if (isUnsetString(container.imagePullPolicy)) {
    edit.set('imagePullPolicy', pullPolicyFor(container.image));
  }
  if (isUnsetString(container.terminationMessagePath)) {
    edit.set('terminationMessagePath', '/dev/termination-log');
  }
  if (isUnsetString(container.terminationMessagePolicy))
    edit.set('terminationMessagePolicy', 'File');
  edit.array('ports', defaultContainerPort);
  edit.array('env', defaultEnvVar);
  edit.child('livenessProbe', defaultProbe);
  edit.child('readinessProbe', defaultProbe);
  edit.child('startupProbe', defaultProbe);
  edit.child('lifecycle', defaultLifecycle);
  return edit.done();
}

function defaultContainerPort(port: Obj): Obj {
  return isUnsetString(port.protocol) ? new Edit(port).set('protocol', 'TCP').done() : port;
}

function defaultEnvVar(env: Obj): Obj {
  return withChild(env, 'valueFrom', defaultEnvVarSource);
}

function defaultEnvVarSource(source: Obj): Obj {
  return withChild(source, 'fieldRef', defaultFieldRef);
}

function defaultLifecycle(lifecycle: Obj): Obj {
  return new Edit(lifecycle)
    .child('postStart', defaultLifecycleHandler)
    .child('preStop', defaultLifecycleHandler)
    .done();
}

function defaultLifecycleHandler(handler: Obj): Obj {
  return withChild(handler, 'httpGet', defaultHttpGet);
}

/** SetDefaults_Probe (zero means unset for these int32 fields) and SetDefaults_HTTPGetAction. */
function defaultProbe(probe: Obj): Obj {
  const edit = new Edit(probe);
  if (isUnsetInt(probe.timeoutSeconds)) edit.set('timeoutSeconds', 1);
  if (isUnsetInt(probe.periodSeconds)) edit.set('periodSeconds', 10);
  if (isUnsetInt(probe.successThreshold)) edit.set('successThreshold', 1);
  if (isUnsetInt(probe.failureThreshold)) edit.set('failureThreshold', 3);
  edit.child('httpGet', defaultHttpGet);
  return edit.done();
}

function defaultHttpGet(action: Obj): Obj {
  const edit = new Edit(action);
  if (isUnsetString(action.path)) edit.set('path', '/');
  if (isUnsetString(action.scheme)) edit.set('scheme', 'HTTP');
  return edit.done();
}
