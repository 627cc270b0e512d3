/**
 * Rules that need more than one object: an Indexed Job whose pods find each other through a
 * headless Service (the "Job with pod-to-pod communication" pattern) needs that Service.
 */
import { Problem } from './problem';
import { Obj, isObj, obj, str } from './read';

const JOB_NAME_LABELS = ['batch.kubernetes.io/job-name', 'job-name'];

/** What is known of a Service from the input. */
interface ServiceInfo {
  readonly headless: boolean;
  readonly selector?: Obj;
}

/** Collects Services while objects stream past, then checks the Jobs that need one. */
export class SubdomainServices {
  private readonly services = new Map<string, ServiceInfo>();

  /** Call with every object of the input, in any order. */
  public see(o: unknown): void {
    if (!isObj(o) || o.kind !== 'Service' || o.apiVersion !== 'v1') return;
    const meta = obj(o.metadata);
    const name = str(meta?.name);
    if (name === undefined) return;
    const spec = obj(o.spec);
    this.services.set(key(str(meta?.namespace), name), {
      headless: spec?.clusterIP === 'None',
      selector: obj(spec?.selector),
    });
  }

  /** Whether a Job or CronJob needs this check (it names a subdomain in Indexed mode). */
  public static needs(o: Obj): boolean {
    return subdomainOf(o) !== undefined;
  }

  /**
   * The problems of one Job or CronJob once every object has been seen: its pods' subdomain
   * must name a headless Service in its namespace that selects them (warnings, family 2: the
   * server accepts the Job, but its pods get no DNS names and cannot reach each other).
   */
  public problems(o: Obj): Problem[] {
    const found = subdomainOf(o);
    if (!found) return [];
    const { subdomain, field, jobSpec } = found;
    const meta = obj(o.metadata);
    const namespace = str(meta?.namespace);
    const where = namespace ? `namespace ${namespace}` : 'the same namespace';
    const service = this.services.get(key(namespace, subdomain));
    const warn = (message: string, fix: string): Problem[] => [
      {
        rule: 'subdomain-service',
        family: 2,
        severity: 'warning',
        field,
        value: subdomain,
        message,
        fix,
      },
    ];
    const jobName = o.kind === 'Job' ? str(meta?.name) : undefined;
    const selectorHint = jobName
      ? `selector batch.kubernetes.io/job-name: ${jobName}`
      : 'a selector on a label of the pod template';
    if (!service) {
      return warn(
        `names no headless Service of the input in ${where}: the pods get no DNS names and cannot reach each other as <job>-<index>.${subdomain}`,
        `add a Service named ${subdomain} with clusterIP: None and ${selectorHint} (or ignore this if it is applied separately)`,
      );
    }
    if (!service.headless) {
      return warn(
        `names Service ${subdomain}, which is not headless: pods get DNS names only from a Service with clusterIP: None`,
        'set clusterIP: None on the Service',
      );
    }
    const podLabels = {
      ...(obj(obj(obj(jobSpec.template)?.metadata)?.labels) ?? {}),
      ...(jobName ? Object.fromEntries(JOB_NAME_LABELS.map((l) => [l, jobName])) : {}),
    };
    const selector = service.selector;
    const selects =
      selector !== undefined &&
      Object.keys(selector).length > 0 &&
      Object.entries(selector).every(
        ([k, v]) => Object.prototype.hasOwnProperty.call(podLabels, k) && podLabels[k] === v,
      );
    if (!selects) {
      return warn(
        `names Service ${subdomain}, whose selector does not select this Job's pods: they get no DNS names`,
        `give the Service ${selectorHint}`,
      );
    }
    return [];
  }
}

function key(namespace: string | undefined, name: string): string {
  return `${namespace ?? ''}/${name}`;
}

function subdomainOf(o: Obj): { subdomain: string; field: string; jobSpec: Obj } | undefined {
  const spec = obj(o.spec);
  const jobSpec = o.kind === 'CronJob' ? obj(obj(spec?.jobTemplate)?.spec) : spec;
  if (!jobSpec || jobSpec.completionMode !== 'Indexed') return undefined;
  const subdomain = str(obj(obj(jobSpec.template)?.spec)?.subdomain);
  if (!subdomain) return undefined;
  const specPath = o.kind === 'CronJob' ? 'spec.jobTemplate.spec' : 'spec';
  return { subdomain, field: `${specPath}.template.spec.subdomain`, jobSpec };
}
