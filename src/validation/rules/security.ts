/**
 * Security rules: what the API server rejects in security contexts, seccomp, AppArmor and
 * sysctls (the sub-files below), and what the kubelet then refuses to start (this file).
 */
import { Rule, RuleContext } from '../rule';
import { eachContainer } from './pod-walk';
import { Obj, obj, objs } from '../read';
import { ImageName, parseImage, runsAsNumericNonRoot, runsAsRoot } from '../root-images';
import { effectiveSetting, effectiveSettingPath, podOS } from './security-util';

export * from './security-context';
export * from './security-profiles';
export * from './security-sysctls';
export * from './security-windows';
export * from './security-served';

/** Images whose runtime writes temp files (tempfile, pip, npm caches) under /tmp. */
const INTERPRETERS: ReadonlySet<string> = new Set([
  'python',
  'pypy',
  'node',
  'ruby',
  'php',
  'perl',
  'openjdk',
  'eclipse-temurin',
  'amazoncorretto',
  'r-base',
  'julia',
  'pytorch',
  'tensorflow',
]);

function imageOf(container: Obj): ImageName | undefined {
  return typeof container.image === 'string' ? parseImage(container.image) : undefined;
}

/** The writable mount paths of a container, without a trailing slash. */
function writableMounts(container: Obj): string[] {
  return objs(container.volumeMounts)
    .filter((m) => m.readOnly !== true && typeof m.mountPath === 'string')
    .map((m) => (m.mountPath as string).replace(/\/+$/, '') || '/');
}

/** Where the container's TMPDIR points, when its env sets it to a literal path. */
function tmpDir(container: Obj): string | undefined {
  const env = objs(container.env).find((e) => e.name === 'TMPDIR');
  return typeof env?.value === 'string' ? env.value.replace(/\/+$/, '') : undefined;
}

/**
 * The kubelet runs the container with a read-only root filesystem; interpreters then fail on
 * their first temp file (tempfile.mkstemp, pip, npm) unless /tmp (or $TMPDIR) is writable.
 */
export const readOnlyRootNeedsTmp: Rule = {
  id: 'read-only-root-tmp',
  family: 2,
  scope: 'pod',
  reads: { container: ['securityContext.readOnlyRootFilesystem'] },
  summary: 'a read-only root filesystem without a writable /tmp breaks interpreter images',
  check(ctx) {
    eachContainer(ctx, (c, cPath) => {
      if (obj(c.securityContext)?.readOnlyRootFilesystem !== true) return;
      const image = imageOf(c);
      if (!image || !INTERPRETERS.has(image.name)) return;
      const mounts = writableMounts(c);
      const tmp = tmpDir(c) ?? '/tmp';
      if (mounts.some((m) => tmp === m || tmp.startsWith(`${m}/`))) return;
      ctx.report(
        `${cPath}.volumeMounts`,
        `has no writable /tmp while the root filesystem is read-only: ${String(c.image)} writes temp files there and fails`,
        { fix: 'mount an emptyDir volume at /tmp (the constructs do this by default)' },
      );
    });
  },
};

/** The containers that run under runAsNonRoot: true, with their effective runAsUser. */
function nonRootContainers(
  ctx: RuleContext,
  visit: (c: Obj, cPath: string, user: unknown) => void,
): void {
  // The kubelet checks Windows pods against runAsUserName instead.
  if (podOS(ctx) === 'windows') return;
  eachContainer(ctx, (c, cPath) => {
    if (effectiveSetting(ctx, c, 'runAsNonRoot') !== true) return;
    visit(c, cPath, effectiveSetting(ctx, c, 'runAsUser'));
  });
}

/**
 * kuberuntime verifyRunAsNonRoot: with runAsNonRoot and no runAsUser the kubelet reads the
 * image's USER and refuses to start the container (CreateContainerConfigError) when it is
 * root or not numeric; runAsUser 0 is refused outright.
 */
export const runAsNonRootNeedsUser: Rule = {
  id: 'run-as-non-root-user',
  family: 2,
  scope: 'pod',
  reads: { pod: ['securityContext.runAsNonRoot'], container: ['securityContext.runAsNonRoot'] },
  summary:
    'runAsNonRoot with runAsUser 0, or with no runAsUser on an image that runs as root, fails at start',
  check(ctx) {
    nonRootContainers(ctx, (c, cPath, user) => {
      if (user === 0) {
        ctx.report(
          effectiveSettingPath(ctx, c, cPath, 'runAsUser'),
          'is 0 while runAsNonRoot is true: the kubelet refuses to start the container',
          { value: 0, fix: 'set runAsUser to a non-zero uid' },
        );
      } else if ((user === undefined || user === null) && runsAsRoot(imageOf(c))) {
        ctx.report(
          `${cPath}.securityContext.runAsUser`,
          `is unset while runAsNonRoot is true: ${String(c.image)} runs as root, so the kubelet refuses to start it (CreateContainerConfigError)`,
          { fix: 'set runAsUser to a non-zero uid, e.g. 65532' },
        );
      }
    });
  },
};

/** The same kubelet check, for images this library cannot vouch for either way. */
export const runAsNonRootUnverified: Rule = {
  id: 'run-as-non-root-unverified',
  family: 2,
  severity: 'warning',
  scope: 'pod',
  reads: { pod: ['securityContext.runAsNonRoot'], container: ['securityContext.runAsNonRoot'] },
  summary: 'runAsNonRoot with no runAsUser starts only if the image USER is numeric and not 0',
  check(ctx) {
    nonRootContainers(ctx, (c, cPath, user) => {
      if (user !== undefined && user !== null) return;
      const image = imageOf(c);
      if (!image || runsAsRoot(image) || runsAsNumericNonRoot(image)) return;
      ctx.report(
        `${cPath}.securityContext.runAsUser`,
        'is unset while runAsNonRoot is true: the kubelet refuses to start the container if the image USER is root or not numeric',
        {
          fix: 'set runAsUser to a non-zero uid, or check that the image sets a numeric, non-zero USER (e.g. USER 10001)',
        },
      );
    });
  },
};
