/** windowsOptions: GMSA credential specs, runAsUserName, and hostProcess pods. */
import { Rule, RuleContext } from '../rule';
import { eachContainer } from './pod-walk';
import { Obj, obj } from '../read';
import { dns1123SubdomainProblem } from '../syntax';
import { podSC, utf8Length } from './security-util';

const MAX_GMSA_SPEC_BYTES = 64 * 1024;
const MAX_DOMAIN_BYTES = 256;
const MAX_USER_BYTES = 104;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x1f\x7f]/;
const NETBIOS = /^[^\\/:*?"<>|.][^\\/:*?"<>|]{0,14}$/u;
const DNS_LABEL = '[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?';
const DNS_DOMAIN = new RegExp(`^${DNS_LABEL}(?:\\.${DNS_LABEL})*$`);
const USER_BAD_CHARS = /["/\\:;|=,+*?<>@[\]]/;
const USER_DOTS_SPACES = /^[. ]+$/;

/** validation.go validateWindowsSecurityContextOptions, runAsUserName part: the first problem. */
function runAsUserNameProblem(value: string): string | undefined {
  if (value === '') return 'must not be empty';
  if (CONTROL.test(value)) return 'must not contain control characters';
  const parts = value.split('\\');
  if (parts.length > 2) return 'must not contain more than one backslash';
  const [domain, user] = parts.length === 2 ? parts : ['', parts[0]];
  if (utf8Length(domain) >= MAX_DOMAIN_BYTES) {
    return `domain must be under ${MAX_DOMAIN_BYTES} characters`;
  }
  if (parts.length === 2 && !NETBIOS.test(domain) && !DNS_DOMAIN.test(domain)) {
    return 'domain must be a NetBIOS name or a DNS name';
  }
  if (user === '') return 'user must not be empty';
  if (utf8Length(user) > MAX_USER_BYTES) {
    return `user must be no more than ${MAX_USER_BYTES} characters`;
  }
  if (USER_DOTS_SPACES.test(user)) return 'user must not be only periods or spaces';
  if (USER_BAD_CHARS.test(user)) return 'user must not contain any of "/\\:;|=,+*?<>@[]';
  return undefined;
}

function checkWindowsOptions(ctx: RuleContext, options: Obj, path: string): void {
  const specName = options.gmsaCredentialSpecName;
  if (typeof specName === 'string') {
    const problem = dns1123SubdomainProblem(specName);
    if (problem) ctx.report(`${path}.gmsaCredentialSpecName`, problem, { value: specName });
  }
  const spec = options.gmsaCredentialSpec;
  if (typeof spec === 'string') {
    if (spec === '') {
      ctx.report(`${path}.gmsaCredentialSpec`, 'must not be empty');
    } else if (utf8Length(spec) > MAX_GMSA_SPEC_BYTES) {
      ctx.report(`${path}.gmsaCredentialSpec`, 'must be under 64 KiB');
    }
  }
  const user = options.runAsUserName;
  if (typeof user === 'string') {
    const problem = runAsUserNameProblem(user);
    if (problem) ctx.report(`${path}.runAsUserName`, problem, { value: user });
  }
}

/** validation.go validateWindowsSecurityContextOptions, for the pod and each container. */
export const windowsSecurityOptions: Rule = {
  id: 'windows-security-options',
  family: 1,
  scope: 'pod',
  reads: { pod: ['securityContext.windowsOptions'], container: ['securityContext.windowsOptions'] },
  summary:
    'windowsOptions name a valid GMSA credential spec (under 64 KiB) and a valid runAsUserName',
  check(ctx) {
    const pod = obj(podSC(ctx).windowsOptions);
    if (pod) checkWindowsOptions(ctx, pod, `${ctx.podPath}.securityContext.windowsOptions`);
    eachContainer(ctx, (c, cPath) => {
      const own = obj(obj(c.securityContext)?.windowsOptions);
      if (own) checkWindowsOptions(ctx, own, `${cPath}.securityContext.windowsOptions`);
    });
  },
};

function hostProcessOf(options: unknown): boolean | undefined {
  const value = obj(options)?.hostProcess;
  return typeof value === 'boolean' ? value : undefined;
}

/**
 * validation.go validateWindowsHostProcessPod: a pod's and its containers' hostProcess agree,
 * all containers are hostProcess containers or none is, and such a pod uses hostNetwork.
 */
export const windowsHostProcess: Rule = {
  id: 'windows-host-process',
  family: 1,
  scope: 'pod',
  reads: { pod: ['securityContext.windowsOptions'], container: ['securityContext.windowsOptions'] },
  summary:
    'hostProcess is the same for the pod and all its containers, and a hostProcess pod sets hostNetwork',
  check(ctx) {
    const pod = hostProcessOf(podSC(ctx).windowsOptions);
    const containers: Array<[string, boolean, boolean]> = [];
    eachContainer(ctx, (c, cPath) => {
      const own = hostProcessOf(obj(c.securityContext)?.windowsOptions);
      const path = `${cPath}.securityContext.windowsOptions.hostProcess`;
      const mismatch = pod !== undefined && own !== undefined && own !== pod;
      if (mismatch) {
        ctx.report(path, `must equal the pod's hostProcess (${pod}) when both are set`, {
          value: own,
        });
      }
      containers.push([path, own ?? pod ?? false, mismatch]);
    });
    const hostProcess = containers.filter(([, hp]) => hp);
    if (hostProcess.length === 0) return;
    for (const [path, hp, reported] of containers) {
      if (!hp && !reported) {
        ctx.report(path, 'must be true: when one container is a hostProcess container, all are');
      }
    }
    if (ctx.podSpec.hostNetwork !== true) {
      ctx.report(
        `${ctx.podPath}.hostNetwork`,
        'must be true for a pod with hostProcess containers',
        {
          fix: 'set hostNetwork: true',
        },
      );
    }
  },
};
