import { describeError, readObjectsSync } from '../manifests';
import { describeProblem } from './problem';
import { SubdomainServices } from './cross-object';
import { RelaxableRule, isBatchWorkload, validateManifest } from './validate-manifest';
import { KubernetesVersion, NEWEST_KNOWN_VERSION } from './versions';

/** The part of cdk8s-cli's ValidationContext the plugin uses. */
export interface PluginValidationContext {
  /** The manifest files cdk8s synthesized. */
  readonly manifests: readonly string[];
  /** Reads the objects of one manifest file (unused: the plugin reads as the API server does). */
  parseManifest?(manifestPath: string): unknown[];
  /** Where the violations and the verdict go. */
  readonly report: {
    addViolation(violation: {
      ruleName: string;
      recommendation: string;
      fix: string;
      violatingResources: { resourceName: string; locations: string[]; manifestPath: string }[];
    }): void;
    submit(status: 'success' | 'failure', metadata?: Record<string, string>): void;
  };
}

/** Properties of the plugin, from `properties:` in cdk8s.yaml. */
export interface BatchValidationProperties {
  /** The Kubernetes release to check for. @default the newest the library knows */
  readonly targetVersion?: KubernetesVersion;
  /** Fail the synth on warnings too. @default false */
  readonly failOnWarnings?: boolean;
  /** Reviewer rules (family 3) to relax for every object, e.g. `['image-tag']`. @default none */
  readonly allow?: readonly RelaxableRule[];
  /** Check every pod template against the Pod Security profile. @default not checked */
  readonly podSecurity?: 'restricted';
}

/**
 * A cdk8s validation plugin: `cdk8s synth` runs the cdk8s-batch rules over every Job and
 * CronJob of the app, also those made with cdk8s-plus or a raw ApiObject.
 *
 * ```yaml
 * # cdk8s.yaml
 * validations:
 *   - package: cdk8s-batch
 *     version: 0.1.0
 *     class: BatchValidation
 *     properties: { targetVersion: '1.30' }
 * ```
 */
export class BatchValidation {
  public constructor(private readonly properties: BatchValidationProperties = {}) {}

  public async validate(context: PluginValidationContext): Promise<void> {
    const targetVersion = this.properties.targetVersion ?? NEWEST_KNOWN_VERSION;
    let failures = 0;
    let checked = 0;
    const services = new SubdomainServices();
    const all = context.manifests.map((manifestPath) => {
      const resources: unknown[] = [];
      for (const item of readObjectsSync([manifestPath])) {
        if (item.kind === 'object') {
          resources.push(item.object);
          services.see(item.object);
          continue;
        }
        failures++;
        const message = item.kind === 'error' ? describeError(item) : item.message;
        context.report.addViolation({
          ruleName: 'manifest-read (family 1)',
          recommendation: message,
          fix: 'fix the YAML so the API server can read it',
          violatingResources: [{ resourceName: manifestPath, locations: [], manifestPath }],
        });
      }
      return { manifestPath, resources };
    });
    for (const { manifestPath, resources } of all) {
      for (const resource of resources) {
        if (!isBatchWorkload(resource)) continue;
        const o = resource as { metadata?: { name?: unknown } };
        checked++;
        const problems = [
          ...validateManifest(resource, {
            targetVersion,
            allow: this.properties.allow,
            podSecurity: this.properties.podSecurity,
          }),
          ...services.problems(resource),
        ];
        for (const p of problems) {
          const failing = p.severity === 'error' || this.properties.failOnWarnings === true;
          if (failing) failures++;
          context.report.addViolation({
            ruleName: `${p.rule} (family ${p.family}${p.severity === 'warning' ? ', warning' : ''})`,
            recommendation: describeProblem({ ...p, fix: undefined }),
            fix: p.fix ?? 'see the message',
            violatingResources: [
              {
                resourceName: String(o.metadata?.name ?? '<unnamed>'),
                locations: [p.field],
                manifestPath,
              },
            ],
          });
        }
      }
    }
    context.report.submit(failures > 0 ? 'failure' : 'success', {
      targetVersion,
      checked: String(checked),
    });
  }
}
