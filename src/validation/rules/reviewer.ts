import { Rule } from '../rule';
import { eachContainer, effective } from './pod-walk';
import { Obj, bool, int, obj, objs, str } from '../read';
import { memoByText } from '../memo';

/** `repo[:tag][@digest]`: the tag follows the last ':' after the last '/'. */
function imageTag(image: string): { tag?: string; digest: boolean } {
  const at = image.indexOf('@');
  const digest = at >= 0;
  const name = digest ? image.slice(0, at) : image;
  const colon = name.lastIndexOf(':');
  const tag = colon > name.lastIndexOf('/') ? name.slice(colon + 1) : undefined;
  return { tag, digest };
}

/** An image a tool replaces before apply: `ko://...`, `${IMAGE}`, `{{ .Values.image }}`, `$(IMAGE)`. */
function unrendered(image: string): string | undefined {
  if (image.startsWith('ko://')) {
    return 'is a ko:// reference, which ko replaces with a digest when it resolves the manifests (ko resolve, ko apply)';
  }
  if (/\$\{[^}]*\}|\$\([^)]*\)|\{\{[^}]*\}\}/.test(image)) {
    return 'holds an unreplaced placeholder, so it is not an image yet';
  }
  return undefined;
}

export const imagePinned: Rule = {
  id: 'image-tag',
  family: 3,
  scope: 'pod',
  reads: { container: ['image'] },
  summary: 'images are pinned by a tag other than latest, or by digest',
  check(ctx) {
    eachContainer(ctx, (c, path) => {
      const image = str(c.image);
      if (!image) return;
      const template = unrendered(image);
      if (template) {
        ctx.report(`${path}.image`, template, {
          value: image,
          fix: 'check the rendered manifests, where the image is pinned (or allow "image-tag")',
        });
        return;
      }
      const { tag, digest } = imageTag(image.trim());
      if (digest) return;
      if (tag === undefined || tag === 'latest') {
        ctx.report(
          `${path}.image`,
          tag === undefined
            ? 'has no tag, so it means :latest and changes under you'
            : 'uses :latest, which changes under you',
          {
            value: image,
            fix: 'pin a version tag or a digest (or allow "image-tag")',
          },
        );
      }
    });
  },
};

/** Name segments that mark a credential; MAX_TOKENS or TOKENIZER are not credentials. */
const CREDENTIAL_SEGMENTS = new Set([
  'TOKEN',
  'SECRET',
  'PASSWORD',
  'PASSWD',
  'APIKEY',
  'CREDENTIAL',
  'CREDENTIALS',
]);

/** Last segments that say the variable names or locates a credential rather than holding it. */
const REFERENCE_SEGMENTS = new Set([
  'NAME',
  'NAMES',
  'FILE',
  'PATH',
  'DIR',
  'REF',
  'ID',
  'ARN',
  'URL',
  'URI',
  'ENDPOINT',
  'HOST',
  'KEY_NAME',
  'NAMESPACE',
  'ENABLED',
  'TTL',
  'LENGTH',
  'TYPE',
  'MOUNT',
  'VERSION',
  'REGION',
  'HEADER',
  'FIELD',
  'EXPIRY',
  'EXPIRATION',
  'SECONDS',
]);

/** Env var names repeat across a repository's manifests: each is judged once. */
const namesACredential = memoByText((name: string): boolean => {
  const upper = name.toUpperCase();
  const segments = upper.split(/[_.-]/);
  if (REFERENCE_SEGMENTS.has(segments[segments.length - 1])) return false;
  if (/(^|_)(API|ACCESS|PRIVATE|SECRET)_KEY$/.test(upper)) return true;
  return segments.some((segment) => CREDENTIAL_SEGMENTS.has(segment));
});

/** Values that are not a credential whatever the name: paths, flags, placeholders, numbers. */
function plainlyNotACredential(value: string): boolean {
  return (
    value.length < 4 ||
    value.startsWith('/') ||
    /^\$[({]/.test(value) ||
    /^(true|false|yes|no|on|off|none|null|[0-9]+)$/i.test(value)
  );
}

const URL_WITH_PASSWORD = /^[a-z][a-z0-9+.-]*:\/\/[^/@\s:]+:[^/@\s]+@/i;
/** Well-known credential formats, whatever the variable is called. */
const CREDENTIAL_VALUE =
  /^(sk-[A-Za-z0-9_-]{20,}|sk-ant-[A-Za-z0-9_-]{20,}|gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,}|xox[abprs]-[A-Za-z0-9-]{10,}|AKIA[0-9A-Z]{16}|AIza[0-9A-Za-z_-]{35}|hf_[A-Za-z0-9]{30,}|glpat-[A-Za-z0-9_-]{20,}|eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,})$|-----BEGIN [A-Z ]*PRIVATE KEY-----/;

export const noLiteralSecrets: Rule = {
  id: 'secret-literal',
  family: 3,
  scope: 'pod',
  reads: { container: ['env'] },
  summary: 'credentials come from Secrets, not literal env values',
  check(ctx) {
    eachContainer(ctx, (c, cPath) => {
      const envs = objs(c.env);
      for (let i = 0; i < envs.length; i++) {
        const env = envs[i];
        const name = str(env.name) ?? '';
        const value = str(env.value);
        if (!value) continue;
        const credential =
          URL_WITH_PASSWORD.test(value) ||
          CREDENTIAL_VALUE.test(value) ||
          (namesACredential(name) && !plainlyNotACredential(value));
        if (credential) {
          ctx.report(
            `${cPath}.env[${i}].value`,
            `${name} holds what looks like a credential as a literal value`,
            {
              fix: "use Secrets.key('secret-name', 'key') or valueFrom.secretKeyRef (or allow \"secret-literal\")",
            },
          );
        }
      }
    });
  },
};

/** The container controls of the Pod Security "restricted" profile that a container misses. */
function restrictedGaps(ctx: Parameters<Rule['check']>[0], c: Obj): string[] {
  const gaps: string[] = [];
  const sc = obj(c.securityContext) ?? {};
  if (bool(effective(ctx, c, 'runAsNonRoot')) !== true) gaps.push('runAsNonRoot is not true');
  if (int(effective(ctx, c, 'runAsUser')) === 0) gaps.push('runAsUser is 0');
  if (sc.allowPrivilegeEscalation !== false) gaps.push('allowPrivilegeEscalation is not false');
  if (sc.privileged === true) gaps.push('privileged is true');
  const caps = obj(sc.capabilities) ?? {};
  const drop = Array.isArray(caps.drop) ? caps.drop : [];
  if (!drop.includes('ALL')) gaps.push('capabilities.drop does not include ALL');
  const add = Array.isArray(caps.add) ? caps.add : [];
  if (add.some((a) => a !== 'NET_BIND_SERVICE'))
    gaps.push('capabilities.add has more than NET_BIND_SERVICE');
  const seccomp = str(obj(effective(ctx, c, 'seccompProfile'))?.type);
  if (seccomp !== 'RuntimeDefault' && seccomp !== 'Localhost') {
    gaps.push('seccompProfile.type is not RuntimeDefault or Localhost');
  }
  return gaps;
}

export const podSecurityRestricted: Rule = {
  id: 'pod-security',
  family: 3,
  severity: 'warning',
  scope: 'pod',
  summary:
    'pods meet the Pod Security "restricted" profile (namespaces that enforce it refuse them)',
  check(ctx) {
    for (const key of ['hostNetwork', 'hostPID', 'hostIPC']) {
      if (ctx.podSpec[key] === true) {
        ctx.report(`${ctx.podPath}.${key}`, 'is true, which the restricted profile forbids', {
          value: true,
        });
      }
    }
    objs(ctx.podSpec.volumes).forEach((v, i) => {
      if (v.hostPath !== undefined) {
        ctx.report(
          `${ctx.podPath}.volumes[${i}].hostPath`,
          'is forbidden by the restricted profile',
          {
            fix: 'use a PersistentVolumeClaim or an emptyDir',
          },
        );
      }
    });
    eachContainer(ctx, (c, cPath) => {
      const gaps = restrictedGaps(ctx, c);
      if (gaps.length === 0) return;
      ctx.report(`${cPath}.securityContext`, `misses the restricted profile: ${gaps.join(', ')}`, {
        fix: 'the cdk8s-batch constructs meet it by default; or allow "pod-security"',
      });
    });
  },
};
