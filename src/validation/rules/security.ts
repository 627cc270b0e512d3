import { Rule } from '../rule';
import { eachContainer, effective, effectivePath } from './pod-walk';
import { bool, int, obj } from '../read';

/** Images whose runtime writes temp files (tempfile, pip, npm caches) under /tmp. */
const INTERPRETER_IMAGE =
  /(^|\/)(python|pypy|node|ruby|php|perl|openjdk|eclipse-temurin|amazoncorretto|r-base|julia|pytorch|tensorflow)(:|@|$)/;

export const readOnlyRootNeedsTmp: Rule = {
  id: 'read-only-root-tmp',
  family: 2,
  scope: 'pod',
  summary: 'a read-only root filesystem without a writable /tmp breaks interpreter images',
  check(ctx) {
    eachContainer(ctx, (c, cPath) => {
      if (bool(effective(ctx, c, 'readOnlyRootFilesystem')) !== true) return;
      const image = typeof c.image === 'string' ? c.image : '';
      if (!INTERPRETER_IMAGE.test(image.split(/[:@]/)[0] + ':')) return;
      const mounts = Array.isArray(c.volumeMounts) ? c.volumeMounts : [];
      if (mounts.some((m) => obj(m)?.mountPath === '/tmp' && obj(m)?.readOnly !== true)) return;
      ctx.report(
        `${cPath}.volumeMounts`,
        `has no writable /tmp while the root filesystem is read-only: ${image} writes temp files there and fails`,
        { fix: 'mount an emptyDir volume at /tmp (the constructs do this by default)' },
      );
    });
  },
};

export const runAsNonRootNeedsUser: Rule = {
  id: 'run-as-non-root-user',
  family: 2,
  scope: 'pod',
  summary: 'runAsNonRoot without a non-zero runAsUser fails at start for images that run as root',
  check(ctx) {
    eachContainer(ctx, (c, cPath) => {
      if (bool(effective(ctx, c, 'runAsNonRoot')) !== true) return;
      const user = int(effective(ctx, c, 'runAsUser'));
      if (user === undefined) {
        ctx.report(
          `${cPath}.securityContext.runAsUser`,
          'is unset while runAsNonRoot is true: images that run as root (python, busybox) fail with CreateContainerConfigError',
          {
            fix: 'set runAsUser to a non-zero uid, e.g. 65532',
          },
        );
      } else if (user === 0) {
        ctx.report(
          effectivePath(ctx, c, cPath, 'runAsUser'),
          'is 0 while runAsNonRoot is true: the kubelet refuses to start the container',
          {
            value: 0,
            fix: 'set runAsUser to a non-zero uid',
          },
        );
      }
    });
  },
};
