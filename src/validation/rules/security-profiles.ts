/** seccomp and AppArmor profiles: the fields, the deprecated annotations, and their agreement. */
import { Rule, RuleContext } from '../rule';
import { eachContainer } from './pod-walk';
import { Obj, obj } from '../read';
import { serves } from '../versions';
import {
  annotationsPath,
  containerNames,
  goString,
  isSet,
  localDescendingPathProblem,
  podOS,
  podSC,
  templateAnnotations,
  utf8Length,
} from './security-util';

const SECCOMP_POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
const SECCOMP_CONTAINER_PREFIX = 'container.seccomp.security.alpha.kubernetes.io/';
const APPARMOR_CONTAINER_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';
const LOCALHOST = 'localhost/';

/** Visits the pod's profile field and each container's, with its path. */
function eachProfile(
  ctx: RuleContext,
  key: string,
  visit: (profile: Obj, path: string, container?: Obj) => void,
): void {
  const pod = obj(podSC(ctx)[key]);
  if (pod) visit(pod, `${ctx.podPath}.securityContext.${key}`);
  eachContainer(ctx, (c, cPath) => {
    const own = obj(obj(c.securityContext)?.[key]);
    if (own) visit(own, `${cPath}.securityContext.${key}`, c);
  });
}

/** validation.go validateSeccompProfileField. */
function checkSeccompField(ctx: RuleContext, profile: Obj, path: string): void {
  const type = goString(profile.type);
  if (type === '') {
    ctx.report(`${path}.type`, 'is required when seccompProfile is set', {
      fix: 'use RuntimeDefault, Localhost or Unconfined',
    });
  } else if (type !== undefined && !['Localhost', 'RuntimeDefault', 'Unconfined'].includes(type)) {
    ctx.report(`${path}.type`, 'must be "Localhost", "RuntimeDefault" or "Unconfined"', {
      value: type,
    });
  }
  const local = profile.localhostProfile;
  if (type === 'Localhost') {
    if (!isSet(local)) {
      ctx.report(`${path}.localhostProfile`, 'is required when type is Localhost', {
        fix: 'name the profile file, relative to the kubelet seccomp directory',
      });
    } else if (typeof local === 'string') {
      const problem = localDescendingPathProblem(local);
      if (problem) ctx.report(`${path}.localhostProfile`, problem, { value: local });
    }
  } else if ((type === 'RuntimeDefault' || type === 'Unconfined') && isSet(local)) {
    ctx.report(`${path}.localhostProfile`, 'can only be set when type is Localhost', {
      value: local,
    });
  }
}

/** validation.go ValidateSeccompProfile: the deprecated annotation values. */
function seccompAnnotationProblem(value: string): string | undefined {
  if (['runtime/default', 'docker/default', 'unconfined'].includes(value)) return undefined;
  if (value.startsWith(LOCALHOST)) return localDescendingPathProblem(value.slice(LOCALHOST.length));
  return 'must be a valid seccomp profile: runtime/default, unconfined or localhost/<path>';
}

/**
 * Where a profile annotation and its field disagree: validation.go
 * validateSeccompAnnotationsAndFieldsMatch and validateAppArmorAnnotationsAndFieldsMatchOnCreate,
 * which differ only in the annotation values that mean RuntimeDefault.
 */
function profileMismatch(
  annotation: string,
  field: Obj,
  runtimeDefault: readonly string[],
): 'type' | 'localhostProfile' | undefined {
  switch (field.type) {
    case 'Unconfined':
      return annotation === 'unconfined' ? undefined : 'type';
    case 'RuntimeDefault':
      return runtimeDefault.includes(annotation) ? undefined : 'type';
    case 'Localhost':
      if (!annotation.startsWith(LOCALHOST)) return 'type';
      return annotation.slice(LOCALHOST.length) === field.localhostProfile
        ? undefined
        : 'localhostProfile';
    default:
      return undefined;
  }
}

/**
 * validation.go validateSeccompProfileField, ValidateSeccompPodAnnotations and (from
 * ValidatePodTemplateSpec) validateSeccompAnnotationsAndFields.
 */
export const seccompProfile: Rule = {
  id: 'seccomp-profile',
  family: 1,
  scope: 'pod',
  reads: {
    job: ['template.metadata.annotations'],
    pod: ['securityContext.seccompProfile'],
    container: ['securityContext.seccompProfile'],
  },
  summary:
    'seccompProfile has a known type, a relative localhostProfile only for Localhost, and agrees with the seccomp annotations',
  check(ctx) {
    eachProfile(ctx, 'seccompProfile', (profile, path) => checkSeccompField(ctx, profile, path));
    const annotations = templateAnnotations(ctx);
    const aPath = annotationsPath(ctx);
    for (const [key, value] of annotations) {
      if (key !== SECCOMP_POD_ANNOTATION && !key.startsWith(SECCOMP_CONTAINER_PREFIX)) continue;
      const problem = seccompAnnotationProblem(value);
      if (problem) ctx.report(`${aPath}.${key}`, problem, { value });
    }
    const byKey = new Map(annotations);
    const report = (annotation: string | undefined, field: Obj | undefined, path: string): void => {
      if (annotation === undefined || !field) return;
      const mismatch = profileMismatch(annotation, field, ['runtime/default', 'docker/default']);
      if (mismatch) {
        ctx.report(`${path}.${mismatch}`, `does not match the annotation (${annotation})`, {
          fix: 'remove the deprecated seccomp annotation; the field replaces it',
        });
      }
    };
    report(
      byKey.get(SECCOMP_POD_ANNOTATION),
      obj(podSC(ctx).seccompProfile),
      `${ctx.podPath}.securityContext.seccompProfile`,
    );
    eachContainer(ctx, (c, cPath) => {
      if (typeof c.name !== 'string') return;
      report(
        byKey.get(SECCOMP_CONTAINER_PREFIX + c.name),
        obj(obj(c.securityContext)?.seccompProfile),
        `${cPath}.securityContext.seccompProfile`,
      );
    });
  },
};

/** validation.go ValidateAppArmorProfileField. */
function checkAppArmorField(ctx: RuleContext, profile: Obj, path: string): void {
  const type = goString(profile.type);
  const local = profile.localhostProfile;
  if (type === 'Localhost') {
    if (!isSet(local)) {
      ctx.report(`${path}.localhostProfile`, 'is required when type is Localhost', {
        fix: 'name a profile loaded on the nodes',
      });
    } else if (typeof local === 'string') {
      if (local.trim() !== local) {
        ctx.report(`${path}.localhostProfile`, 'must not be padded with whitespace', {
          value: local,
        });
      } else if (local === '') {
        ctx.report(`${path}.localhostProfile`, 'is required when type is Localhost');
      } else if (utf8Length(local) > 4095) {
        ctx.report(`${path}.localhostProfile`, 'must be no more than 4095 bytes');
      }
    }
  } else if (type === 'RuntimeDefault' || type === 'Unconfined') {
    if (isSet(local)) {
      ctx.report(`${path}.localhostProfile`, 'can only be set when type is Localhost', {
        value: local,
      });
    }
  } else if (type === '') {
    ctx.report(`${path}.type`, 'is required when appArmorProfile is set', {
      fix: 'use RuntimeDefault, Localhost or Unconfined',
    });
  } else if (type !== undefined) {
    ctx.report(`${path}.type`, 'must be "Localhost", "RuntimeDefault" or "Unconfined"', {
      value: type,
    });
  }
}

/** validation.go ValidateAppArmorProfileFormat: the deprecated annotation values. */
function appArmorAnnotationValid(value: string): boolean {
  return (
    value === '' ||
    value === 'runtime/default' ||
    value === 'unconfined' ||
    value.startsWith(LOCALHOST)
  );
}

/**
 * validation.go ValidateAppArmorProfileField (the field is served from 1.30),
 * ValidateAppArmorPodAnnotations and validateAppArmorAnnotationsAndFieldsMatchOnCreate.
 */
export const appArmorProfile: Rule = {
  id: 'apparmor-profile',
  family: 1,
  scope: 'pod',
  reads: {
    job: ['template.metadata.annotations'],
    pod: ['securityContext.appArmorProfile'],
    container: ['securityContext.appArmorProfile'],
  },
  summary:
    'appArmorProfile has a known type and a localhostProfile only for Localhost; AppArmor annotations name a container and agree with the field',
  check(ctx) {
    const served = serves(ctx.targetVersion, '1.30');
    if (served) {
      eachProfile(ctx, 'appArmorProfile', (profile, path) =>
        checkAppArmorField(ctx, profile, path),
      );
    }
    const annotations = templateAnnotations(ctx);
    const aPath = annotationsPath(ctx);
    const names = containerNames(ctx);
    const byContainer = new Map<string, string>();
    for (const [key, value] of annotations) {
      if (!key.startsWith(APPARMOR_CONTAINER_PREFIX)) continue;
      const name = key.slice(APPARMOR_CONTAINER_PREFIX.length);
      byContainer.set(name, value);
      if (!names.has(name)) {
        ctx.report(`${aPath}.${key}`, `names no container of the pod (${name})`);
      } else if (!appArmorAnnotationValid(value)) {
        ctx.report(
          `${aPath}.${key}`,
          'must be runtime/default, unconfined or localhost/<profile>',
          {
            value,
          },
        );
      }
    }
    if (!served || byContainer.size === 0 || podOS(ctx) === 'windows') return;
    const podProfile = obj(podSC(ctx).appArmorProfile);
    eachContainer(ctx, (c, cPath) => {
      if (typeof c.name !== 'string') return;
      const annotation = byContainer.get(c.name);
      const field = obj(obj(c.securityContext)?.appArmorProfile) ?? podProfile;
      if (annotation === undefined || !field) return;
      const mismatch = profileMismatch(annotation, field, ['runtime/default']);
      if (mismatch) {
        ctx.report(
          `${cPath}.securityContext.appArmorProfile.${mismatch}`,
          `does not match the annotation (${annotation})`,
          { fix: 'remove the deprecated AppArmor annotation; the field replaces it' },
        );
      }
    });
  },
};
