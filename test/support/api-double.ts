/**
 * A test-only Kubernetes API server double on loopback: discovery, GET/LIST, server-side
 * apply PATCH, DELETE and watch for the core/v1 and batch/v1 kinds that apply and wait use,
 * plus a small Job controller that moves Job status forward. The real kubectl talks to it
 * in the tests, which keeps it honest about the protocol.
 */
import { IncomingMessage, Server, ServerResponse, createServer } from 'http';
import { createServer as createHttpsServer } from 'https';
import { AddressInfo } from 'net';
import { TLSSocket } from 'tls';
import { parse } from 'yaml';

type Obj = Record<string, any>;

interface Resource {
  readonly group: string; // '' for core
  readonly version: string;
  readonly plural: string;
  readonly kind: string;
  readonly namespaced: boolean;
}

const RESOURCES: Resource[] = [
  { group: '', version: 'v1', plural: 'namespaces', kind: 'Namespace', namespaced: false },
  { group: '', version: 'v1', plural: 'configmaps', kind: 'ConfigMap', namespaced: true },
  { group: '', version: 'v1', plural: 'secrets', kind: 'Secret', namespaced: true },
  { group: '', version: 'v1', plural: 'serviceaccounts', kind: 'ServiceAccount', namespaced: true },
  {
    group: '',
    version: 'v1',
    plural: 'persistentvolumeclaims',
    kind: 'PersistentVolumeClaim',
    namespaced: true,
  },
  { group: '', version: 'v1', plural: 'pods', kind: 'Pod', namespaced: true },
  { group: 'batch', version: 'v1', plural: 'jobs', kind: 'Job', namespaced: true },
  { group: 'batch', version: 'v1', plural: 'cronjobs', kind: 'CronJob', namespaced: true },
];

/** Pod reasons the simulated controller turns into a pod that never starts. */
const STUCK = ['ImagePullBackOff', 'CreateContainerConfigError', 'Unschedulable'];

const VERBS = ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'];

function resourceList(group: string, version: string): Obj {
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: group ? `${group}/${version}` : version,
    resources: RESOURCES.filter((r) => r.group === group).map((r) => ({
      name: r.plural,
      singularName: r.kind.toLowerCase(),
      namespaced: r.namespaced,
      kind: r.kind,
      verbs: VERBS,
    })),
  };
}

/** A fault the double injects into the next matching requests. */
export interface Fault {
  readonly method?: string;
  readonly pathIncludes?: string;
  readonly status: number;
  readonly retryAfterSeconds?: number;
  /** Never answer (the request hangs until the client gives up). @default false */
  readonly hang?: boolean;
  /** Answer 200 and then say nothing (a watch that stays open and silent). @default false */
  readonly stall?: boolean;
  /** Only watch requests (`?watch=true`), or only other requests when false. @default both */
  readonly watch?: boolean;
  /** The Status message. @default 'injected fault' */
  readonly message?: string;
  /** How many requests it affects. */
  times: number;
}

/** How clients must authenticate; by default anyone may do anything over plain http. */
export interface DoubleOptions {
  /** Requests without `Authorization: Bearer <token>` get 401, as a real API server answers. @default none */
  readonly token?: string;
  /** Serve https with this key and certificate (PEM); a client certificate signed by `ca` is required. @default plain http */
  readonly tls?: { readonly key: string; readonly cert: string; readonly ca: string };
}

export class ApiDouble {
  /** Every object, by `plural/namespace/name`. */
  public readonly objects = new Map<string, Obj>();
  /** Every request, as `METHOD path`. */
  public readonly requests: string[] = [];
  /** When each of `requests` arrived (Date.now()). */
  public readonly requestTimes: number[] = [];
  /** The query string of each of `requests` (`dryRun=All&propagationPolicy=Background`). */
  public readonly requestQueries: string[] = [];
  public readonly faults: Fault[] = [];
  /** Namespaces that exist without a Namespace object having been applied. */
  public readonly namespaces = new Set(['default', 'kube-system', 'ai-agents']);
  private server?: Server;
  private version = 1;
  private readonly watchers = new Set<{
    plural: string;
    namespace?: string;
    res: ServerResponse;
    selects: (o: Obj) => boolean;
  }>();
  private ticker?: NodeJS.Timeout;

  public constructor(private readonly options: DoubleOptions = {}) {}

  /** Starts on a free loopback port; returns the base URL. */
  public async start(): Promise<string> {
    const handler = (req: IncomingMessage, res: ServerResponse) => {
      this.handle(req, res).catch((e) => this.send(res, 500, status(500, String(e))));
    };
    const tls = this.options.tls;
    this.server = tls
      ? createHttpsServer(
          {
            key: tls.key,
            cert: tls.cert,
            ca: tls.ca,
            requestCert: true,
            rejectUnauthorized: false,
          },
          handler,
        )
      : createServer(handler);
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.ticker = setInterval(() => this.tick(), 25);
    return this.url;
  }

  public get url(): string {
    const scheme = this.options.tls ? 'https' : 'http';
    return `${scheme}://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  /** Sets a Job's status as its controller would (for Jobs whose namespace nobody watches). */
  public setJobStatus(namespace: string, name: string, jobStatus: Obj): void {
    const key = `jobs/${namespace}/${name}`;
    const job = this.objects.get(key);
    if (!job) throw new Error(`no Job ${key}`);
    const updated = {
      ...job,
      status: jobStatus,
      metadata: { ...job.metadata, resourceVersion: String(++this.version) },
    };
    this.objects.set(key, updated);
    this.notify('MODIFIED', 'jobs', updated);
  }

  /** Whether the request may go on; answers 401 when it may not. */
  private authenticated(req: IncomingMessage, res: ServerResponse): boolean {
    const { token, tls } = this.options;
    const byCert = tls && (req.socket as TLSSocket).authorized;
    const byToken = token && req.headers.authorization === `Bearer ${token}`;
    if ((!token && !tls) || byCert || byToken) return true;
    this.send(res, 401, status(401, 'Unauthorized', 'Unauthorized'));
    return false;
  }

  public async stop(): Promise<void> {
    clearInterval(this.ticker);
    for (const w of this.watchers) w.res.end();
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server!.close(resolve));
  }

  /** How many watch connections are open now. */
  public get openWatches(): number {
    return this.watchers.size;
  }

  /** Drops every open watch connection, as an API server restart would. */
  public dropWatches(): void {
    for (const w of this.watchers) w.res.destroy();
    this.watchers.clear();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://x');
    const path = url.pathname.replace(/\/$/, '');
    this.requests.push(`${req.method} ${path}`);
    this.requestTimes.push(Date.now());
    this.requestQueries.push(url.searchParams.toString());
    if (!this.authenticated(req, res)) return;
    const watching = ['true', '1'].includes(url.searchParams.get('watch') ?? '');
    const fault = this.faults.find(
      (f) =>
        f.times > 0 &&
        (!f.method || f.method === req.method) &&
        (f.watch === undefined || f.watch === watching) &&
        (!f.pathIncludes || path.includes(f.pathIncludes)),
    );
    if (fault) {
      fault.times--;
      if (fault.hang) return;
      if (fault.stall) {
        res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' });
        res.flushHeaders();
        return;
      }
      if (fault.retryAfterSeconds !== undefined)
        res.setHeader('Retry-After', String(fault.retryAfterSeconds));
      return this.send(
        res,
        fault.status,
        status(
          fault.status,
          fault.message ?? 'injected fault',
          fault.status === 403 ? 'Forbidden' : '',
        ),
      );
    }
    if (path === '/version')
      return this.send(res, 200, { major: '1', minor: '34', gitVersion: 'v1.34.0' });
    if (path === '/api')
      return this.send(res, 200, {
        kind: 'APIVersions',
        versions: ['v1'],
        serverAddressByClientCIDRs: [],
      });
    if (path === '/apis') {
      const gv = { groupVersion: 'batch/v1', version: 'v1' };
      return this.send(res, 200, {
        kind: 'APIGroupList',
        apiVersion: 'v1',
        groups: [{ name: 'batch', versions: [gv], preferredVersion: gv }],
      });
    }
    if (path === '/api/v1') return this.send(res, 200, resourceList('', 'v1'));
    if (path === '/apis/batch/v1') return this.send(res, 200, resourceList('batch', 'v1'));
    const log = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)\/log$/.exec(path);
    if (log) {
      const pod = this.objects.get(`pods/${log[1]}/${log[2]}`);
      if (!pod) return this.send(res, 404, status(404, `pods "${log[2]}" not found`, 'NotFound'));
      const lines = String(pod.metadata.annotations?.['test.cdk8s-batch/log'] ?? '').split('\n');
      const tail = Number(url.searchParams.get('tailLines') ?? lines.length);
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      return void res.end(lines.slice(-tail).join('\n'));
    }
    const m =
      /^\/(?:api\/v1|apis\/batch\/v1)(?:\/namespaces\/([^/]+))?\/([a-z]+)(?:\/([^/]+))?$/.exec(
        path,
      );
    if (!m) return this.send(res, 404, status(404, `no route ${path}`));
    let [, namespace, plural, name] = m;
    // /api/v1/namespaces/x is the Namespace x itself.
    if (plural === 'namespaces' && !name && namespace)
      [plural, name, namespace] = ['namespaces', namespace, ''];
    const resource = RESOURCES.find((r) => r.plural === plural);
    if (!resource) return this.send(res, 404, status(404, `unknown resource ${plural}`));
    const key = `${plural}/${namespace ?? ''}/${name ?? ''}`;
    if (req.method === 'GET' && !name) {
      if (watching) {
        return this.watch(res, plural, namespace, selector(url.searchParams.get('labelSelector')));
      }
      const selects = selector(url.searchParams.get('labelSelector'));
      const items = [...this.objects.entries()]
        .filter(([k]) => k.startsWith(`${plural}/${namespace ? `${namespace}/` : ''}`))
        .map(([, o]) => o)
        .filter(selects);
      return this.send(res, 200, {
        kind: `${resource.kind}List`,
        apiVersion: resource.group ? 'batch/v1' : 'v1',
        metadata: { resourceVersion: String(this.version) },
        items,
      });
    }
    const existing = this.objects.get(key);
    if (req.method === 'GET') {
      return existing
        ? this.send(res, 200, existing)
        : this.send(res, 404, notFound(resource, name));
    }
    if (req.method === 'DELETE') {
      if (!existing) return this.send(res, 404, notFound(resource, name));
      // DeleteOptions come as query parameters (client-node) or as a body (kubectl).
      const options = (parse(await body(req)) as Obj | null) ?? {};
      const dryRun = url.searchParams.get('dryRun') ?? options.dryRun?.[0];
      const propagation = url.searchParams.get('propagationPolicy') ?? options.propagationPolicy;
      if (dryRun === 'All') return this.send(res, 200, existing);
      this.objects.delete(key);
      this.notify('DELETED', plural, existing);
      // The garbage collector: a Job's pods go with it, unless orphaned (batch/v1's default).
      if (resource.kind === 'Job' && (propagation === 'Background' || propagation === 'Foreground'))
        this.deletePodsOf(existing);
      return this.send(res, 200, status(200, 'deleted'));
    }
    if (req.method === 'PATCH') {
      const type = req.headers['content-type'] ?? '';
      if (!type.startsWith('application/apply-patch'))
        return this.send(res, 415, status(415, `unsupported patch type ${type}`));
      const applied = parse(await body(req)) as Obj;
      const manager = url.searchParams.get('fieldManager') ?? '';
      if (!manager)
        return this.send(res, 422, status(422, 'fieldManager is required for apply patch'));
      const dryRun = url.searchParams.get('dryRun') === 'All';
      const force = url.searchParams.get('force') === 'true';
      return this.apply(res, resource, key, namespace, applied, manager, force, dryRun, existing);
    }
    return this.send(res, 405, status(405, `method ${req.method}`));
  }

  private apply(
    res: ServerResponse,
    resource: Resource,
    key: string,
    namespace: string | undefined,
    applied: Obj,
    manager: string,
    force: boolean,
    dryRun: boolean,
    existing: Obj | undefined,
  ): void {
    if (!existing) {
      if (
        resource.namespaced &&
        namespace &&
        !this.namespaces.has(namespace) &&
        !this.objects.has(`namespaces//${namespace}`)
      ) {
        return this.send(res, 404, status(404, `namespaces "${namespace}" not found`, 'NotFound'));
      }
      const uid = `uid-${this.version}`;
      const created: Obj = {
        ...(resource.kind === 'Job' ? withControllerLabels(applied, uid) : applied),
        metadata: {
          ...applied.metadata,
          ...(resource.namespaced ? { namespace } : {}),
          uid,
          resourceVersion: String(++this.version),
          creationTimestamp: '2026-11-22T00:00:00Z',
          managedFields: [{ manager, operation: 'Apply' }],
        },
      };
      if (!dryRun) {
        this.objects.set(key, created);
        this.notify('ADDED', resource.plural, created);
      }
      return this.send(res, 201, created);
    }
    const owner = existing.metadata.managedFields?.[0]?.manager;
    // What the server added (defaults, the Job controller's labels and selector) is not a
    // change; a field the manifest sets differently is. Data is compared whole.
    const changed =
      !isSubset(applied.spec, existing.spec) ||
      JSON.stringify(strip(applied.data)) !== JSON.stringify(strip(existing.data));
    if (changed && owner && owner !== manager && !force) {
      return this.send(
        res,
        409,
        status(409, `Apply failed with 1 conflict: conflict with "${owner}": .spec`, 'Conflict'),
      );
    }
    if (
      changed &&
      resource.kind === 'Job' &&
      !isSubset(applied.spec?.template, existing.spec?.template)
    ) {
      return this.send(
        res,
        422,
        status(
          422,
          `Job.batch "${existing.metadata.name}" is invalid: spec.template: Invalid value: field is immutable`,
          'Invalid',
        ),
      );
    }
    if (!changed) return this.send(res, 200, existing);
    const updated = {
      ...existing,
      ...applied,
      spec: merge(existing.spec, applied.spec),
      status: existing.status,
      metadata: {
        ...existing.metadata,
        resourceVersion: String(++this.version),
        managedFields: [{ manager, operation: 'Apply' }],
      },
    };
    if (!dryRun) {
      this.objects.set(key, updated);
      this.notify('MODIFIED', resource.plural, updated);
    }
    return this.send(res, 200, updated);
  }

  private watch(
    res: ServerResponse,
    plural: string,
    namespace: string | undefined,
    selects: (o: Obj) => boolean,
  ): void {
    res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' });
    const w = { plural, namespace, res, selects };
    this.watchers.add(w);
    for (const [k, o] of this.objects) {
      if (k.startsWith(`${plural}/${namespace ? `${namespace}/` : ''}`) && selects(o))
        res.write(`${JSON.stringify({ type: 'ADDED', object: o })}\n`);
    }
    res.on('close', () => this.watchers.delete(w));
  }

  private notify(type: string, plural: string, object: Obj): void {
    for (const w of this.watchers) {
      if (
        w.plural === plural &&
        (!w.namespace || w.namespace === object.metadata.namespace) &&
        w.selects(object)
      ) {
        w.res.write(`${JSON.stringify({ type, object })}\n`);
      }
    }
  }

  /**
   * The simulated Job controller: one pod at a time finishes per tick. An image whose name
   * contains `fail` fails (reason from the `test.cdk8s-batch/fail-reason` annotation, default
   * BackoffLimitExceeded); anything else succeeds until `completions`. Jobs move only while
   * their namespace is watched.
   */
  private tick(): void {
    for (const [key, job] of this.objects) {
      if (!key.startsWith('jobs/') || job.spec?.suspend) continue;
      // Jobs start once someone watches their namespace, so what wait prints is deterministic.
      if (
        ![...this.watchers].some(
          (w) => w.plural === 'jobs' && (!w.namespace || w.namespace === job.metadata.namespace),
        )
      )
        continue;
      const conditions: Obj[] = job.status?.conditions ?? [];
      if (conditions.some((c) => c.type === 'Complete' || c.type === 'Failed')) continue;
      const status: Obj = { active: 0, succeeded: 0, failed: 0, ...job.status };
      const completions = job.spec.completions ?? 1;
      const image: string = job.spec.template?.spec?.containers?.[0]?.image ?? '';
      const podReason = job.metadata.annotations?.['test.cdk8s-batch/pod-reason'];
      if (!image.includes('fail') && STUCK.includes(podReason)) {
        // A pod that never starts: the Job stays active and makes no progress.
        if (status.active > 0) continue;
        status.active = 1;
        // The kubelet reports the waiting reason after the controller counts the pod active.
        setTimeout(() => this.stuckPod(job, podReason), 50);
      } else if (image.includes('fail')) {
        status.failed++;
        this.failedPod(job, status.failed);
        if (status.failed > (job.spec.backoffLimit ?? 6)) {
          status.active = 0;
          const reason =
            job.metadata.annotations?.['test.cdk8s-batch/fail-reason'] ?? 'BackoffLimitExceeded';
          status.conditions = [
            {
              type: 'Failed',
              status: 'True',
              reason,
              message:
                reason === 'DeadlineExceeded'
                  ? 'Job was active longer than specified deadline'
                  : 'Job has reached the specified backoff limit',
            },
          ];
        }
      } else {
        status.succeeded++;
        status.active = Math.max(
          0,
          Math.min(job.spec.parallelism ?? 1, completions - status.succeeded),
        );
        if (status.succeeded >= completions)
          status.conditions = [{ type: 'Complete', status: 'True' }];
      }
      const updated = {
        ...job,
        status,
        metadata: { ...job.metadata, resourceVersion: String(++this.version) },
      };
      this.objects.set(key, updated);
      this.notify('MODIFIED', 'jobs', updated);
    }
  }

  /** A pending pod of `job` that cannot start, for `reason`. */
  private stuckPod(job: Obj, reason: string): void {
    const name = `${job.metadata.name}-pending`;
    const image = job.spec.template?.spec?.containers?.[0]?.image;
    const status =
      reason === 'Unschedulable'
        ? {
            phase: 'Pending',
            conditions: [
              {
                type: 'PodScheduled',
                status: 'False',
                reason,
                message: '0/3 nodes are available: 3 Insufficient nvidia.com/gpu.',
              },
            ],
          }
        : {
            phase: 'Pending',
            containerStatuses: [
              {
                name: 'main',
                state: {
                  waiting: {
                    reason,
                    message:
                      reason === 'CreateContainerConfigError'
                        ? 'secret "openai" not found'
                        : `Back-off pulling image "${image}"`,
                  },
                },
              },
            ],
          };
    this.addPod(job, name, status);
  }

  private addPod(job: Obj, name: string, podStatus: Obj): void {
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name,
        namespace: job.metadata.namespace,
        labels: {
          'batch.kubernetes.io/job-name': job.metadata.name,
          'job-name': job.metadata.name,
        },
        annotations: {
          'test.cdk8s-batch/log': job.metadata.annotations?.['test.cdk8s-batch/log'] ?? '',
        },
        resourceVersion: String(++this.version),
      },
      status: podStatus,
    };
    this.objects.set(`pods/${job.metadata.namespace}/${name}`, pod);
    this.notify('ADDED', 'pods', pod);
  }

  private deletePodsOf(job: Obj): void {
    for (const [key, pod] of this.objects) {
      if (
        key.startsWith(`pods/${job.metadata.namespace}/`) &&
        pod.metadata.labels?.['batch.kubernetes.io/job-name'] === job.metadata.name
      ) {
        this.objects.delete(key);
        this.notify('DELETED', 'pods', pod);
      }
    }
  }

  /** A failed pod of `job`, with the reason and log from its annotations. */
  private failedPod(job: Obj, n: number): void {
    const annotations = job.metadata.annotations ?? {};
    const reason = annotations['test.cdk8s-batch/pod-reason'] ?? 'Error';
    const waiting = ['ImagePullBackOff', 'ErrImagePull', 'CreateContainerConfigError'].includes(
      reason,
    );
    this.addPod(job, `${job.metadata.name}-${n}`, {
      phase: 'Failed',
      containerStatuses: [
        {
          name: 'main',
          state: waiting
            ? { waiting: { reason } }
            : { terminated: { reason, exitCode: reason === 'OOMKilled' ? 137 : 1 } },
        },
      ],
    });
  }

  private send(res: ServerResponse, code: number, payload: unknown): void {
    if (res.headersSent) return;
    res.writeHead(code, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(payload));
  }
}

/** A label selector of `key=value` and `key` (exists) terms, comma separated. */
function selector(text: string | null): (o: Obj) => boolean {
  const terms = (text ?? '').split(',').filter(Boolean);
  return (o) =>
    terms.every((term) => {
      const [key, value] = term.split('=');
      const label = o.metadata?.labels?.[key];
      return value === undefined ? label !== undefined : label === value;
    });
}

/** What the API server adds to a new Job: its selector and the pod template's labels. */
function withControllerLabels(job: Obj, uid: string): Obj {
  const name = job.metadata.name;
  const labels = {
    'batch.kubernetes.io/controller-uid': uid,
    'batch.kubernetes.io/job-name': name,
    'controller-uid': uid,
    'job-name': name,
  };
  const template = job.spec?.template ?? {};
  return {
    ...job,
    spec: {
      ...job.spec,
      selector: job.spec?.selector ?? {
        matchLabels: { 'batch.kubernetes.io/controller-uid': uid },
      },
      template: {
        ...template,
        metadata: { ...template.metadata, labels: { ...template.metadata?.labels, ...labels } },
      },
    },
  };
}

/** Whether every field `part` sets has the same value in `whole`. */
function isSubset(part: unknown, whole: unknown): boolean {
  if (typeof part !== 'object' || part === null) return part === whole || part === undefined;
  if (typeof whole !== 'object' || whole === null) return false;
  if (Array.isArray(part))
    return (
      Array.isArray(whole) &&
      part.length === whole.length &&
      part.every((p, i) => isSubset(p, whole[i]))
    );
  return Object.entries(part).every(([k, v]) => isSubset(v, (whole as Obj)[k]));
}

/** `applied` over `live`: objects merge, everything else is replaced (a simplified SSA). */
function merge(live: unknown, applied: unknown): unknown {
  const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isObj(live) || !isObj(applied)) return applied === undefined ? live : applied;
  const out: Obj = { ...live };
  for (const [k, v] of Object.entries(applied)) out[k] = merge(live[k], v);
  return out;
}

function strip(v: unknown): unknown {
  return v === undefined ? null : v;
}

function status(code: number, message: string, reason = ''): Obj {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    status: code < 400 ? 'Success' : 'Failure',
    message,
    reason,
    code,
  };
}

function notFound(r: Resource, name: string): Obj {
  return status(404, `${r.plural}${r.group ? `.${r.group}` : ''} "${name}" not found`, 'NotFound');
}

function body(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    req.on('data', (d) => (text += d));
    req.on('end', () => resolve(text));
    req.on('error', reject);
  });
}

/**
 * A fresh double for each test of the enclosing describe (or one for all of them, with
 * `shared`: give each test its own object names); read `.api` and `.server` in tests.
 */
export function useApiDouble(options: DoubleOptions & { readonly shared?: boolean } = {}): {
  readonly api: ApiDouble;
  readonly server: string;
} {
  const current = {} as { api: ApiDouble; server: string };
  const { shared, ...doubleOptions } = options;
  (shared ? beforeAll : beforeEach)(async () => {
    current.api = new ApiDouble(doubleOptions);
    current.server = await current.api.start();
  });
  (shared ? afterAll : afterEach)(() => current.api.stop());
  return current;
}
