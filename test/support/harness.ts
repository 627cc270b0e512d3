import { App, Chart, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { CACHE_ENV, Problem, Workload } from '../../src';
import { expectSchemaValid } from './schema';

/** A fresh chart in namespace ai-agents. */
export function newChart(id = 'agents'): Chart {
  const app = Testing.app();
  return new Chart(app, id, { namespace: 'ai-agents' });
}

/** Synthesizes a chart, checks every object against the schema, returns the objects. */
export function synthValid(chart: Chart): Array<Record<string, any>> {
  const objects = Testing.synth(chart) as Array<Record<string, any>>;
  for (const o of objects) expectSchemaValid(o);
  return objects;
}

/** The problems (errors and warnings) of every workload under `scope`. */
export function problemsOf(scope: Construct): Problem[] {
  return scope.node.findAll().flatMap((c) => (c instanceof Workload ? c.problems() : []));
}

/** The message cdk8s throws when the app is synthesized, or undefined when it synthesizes. */
export function synthError(chart: Chart): string | undefined {
  try {
    (chart.node.root as App).synthYaml();
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

/** Builds a workload in a fresh chart and returns its error problems. */
export function errorsOf(build: (chart: Chart) => void): Problem[] {
  const chart = newChart();
  build(chart);
  return problemsOf(chart).filter((p) => p.severity === 'error');
}

/** A container's env without the cache variables (HOME, XDG_CACHE_HOME, ...) every container gets. */
export function ownEnv(env: Array<{ name: string }> | undefined): Array<Record<string, any>> {
  return (env ?? []).filter((e) => !Object.prototype.hasOwnProperty.call(CACHE_ENV, e.name));
}
