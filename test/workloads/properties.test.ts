import fc from 'fast-check';
import { Duration } from 'cdk8s';
import { BatchJob, CACHE_ENV, IndexedJob, ScheduledJob } from '../../src';
import { newChart, problemsOf } from '../support/harness';
import { expectSchemaValid } from '../support/schema';
import { Testing } from 'cdk8s';

const dnsLabel = fc.stringMatching(/^[a-z][a-z0-9-]{0,20}[a-z0-9]$/);
const image = fc.constantFrom(
  'busybox:1.36',
  'python:3.11-slim',
  'ghcr.io/acme/worker:1.2.3',
  'ghcr.io/acme/w@sha256:' + 'a'.repeat(64),
);
const envName = fc
  .stringMatching(/^[A-Z_][A-Z0-9_]{0,15}$/)
  .filter((n) => !/TOKEN|SECRET|PASSWORD|KEY|CREDENTIAL/.test(n));
const quantity = fc.constantFrom('100m', '500m', '1', '2', '256Mi', '1Gi', '1G', '2Gi');
const schedule = fc
  .tuple(
    fc.integer({ min: 0, max: 59 }),
    fc.integer({ min: 0, max: 23 }),
    fc.constantFrom('*', '1', '15', '28', '1-5'),
    fc.constantFrom('*', '1', '6', '*/3'),
    fc.constantFrom('*', '0', '1-5', 'MON'),
  )
  .map((f) => f.join(' '));
const tricky = fc.constantFrom(
  'yes',
  'on',
  'off',
  'no',
  '0777',
  '1e3',
  'null',
  '~',
  'true',
  '012',
  '0x1F',
  '',
  ' leading',
);

const validJobProps = fc.record({
  image,
  containerName: dnsLabel,
  env: fc.dictionary(envName, fc.oneof(fc.string({ maxLength: 20 }), tricky), { maxKeys: 4 }),
  parallelism: fc.integer({ min: 1, max: 10 }),
  extraCompletions: fc.integer({ min: 0, max: 50 }),
  backoffLimit: fc.integer({ min: 0, max: 10 }),
  activeDeadlineMinutes: fc.integer({ min: 1, max: 600 }),
  ttlHours: fc.integer({ min: 0, max: 48 }),
  cpu: quantity,
  memory: fc.constantFrom('256Mi', '1Gi', '2Gi'),
  restartPolicy: fc.constantFrom('Never' as const, 'OnFailure' as const),
});

describe('property: valid props always give schema-valid, rule-clean manifests', () => {
  test('BatchJob and IndexedJob', () => {
    fc.assert(
      fc.property(validJobProps, fc.boolean(), (p, indexed) => {
        const chart = newChart();
        const common = {
          image: p.image,
          containerName: p.containerName,
          env: p.env,
          parallelism: p.parallelism,
          backoffLimit: p.backoffLimit,
          activeDeadline: Duration.minutes(p.activeDeadlineMinutes),
          ttlAfterFinished: Duration.hours(p.ttlHours),
          resources: { requests: { cpu: p.cpu, memory: p.memory }, limits: { memory: '4Gi' } },
          restartPolicy: p.restartPolicy,
        };
        const completions = p.parallelism + p.extraCompletions;
        if (indexed) new IndexedJob(chart, 'job', { ...common, completions });
        else new BatchJob(chart, 'job', { ...common, completions });
        const objects = Testing.synth(chart);
        objects.forEach(expectSchemaValid);
        expect(problemsOf(chart)).toEqual([]);
        // Every literal env value survives as a string (YAML 1.1 readers must not see yes/0777 as bool/int).
        for (const [name, value] of Object.entries(p.env)) {
          const env = objects[0].spec.template.spec.containers[0].env.find(
            (e: { name: string }) => e.name === name,
          );
          expect(env.value).toBe(value);
        }
      }),
      { numRuns: 150 },
    );
  });

  test('ScheduledJob', () => {
    fc.assert(
      fc.property(
        schedule,
        fc.constantFrom('Europe/Berlin', 'Etc/UTC', 'America/New_York', undefined),
        fc.constantFrom('Allow' as const, 'Forbid' as const, 'Replace' as const),
        fc.integer({ min: 10, max: 3600 }),
        (s, timeZone, concurrencyPolicy, deadline) => {
          const chart = newChart();
          new ScheduledJob(chart, 'cron', {
            schedule: s,
            timeZone,
            concurrencyPolicy,
            startingDeadline: Duration.seconds(deadline),
            image: 'busybox:1.36',
          });
          Testing.synth(chart).forEach(expectSchemaValid);
          // A run in an hour a DST change skips or repeats is worth a warning, nothing else.
          expect(problemsOf(chart).filter((p) => p.rule !== 'cronjob-dst')).toEqual([]);
          expect(problemsOf(chart).every((p) => p.severity === 'warning')).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('property: one invalid field gives a report naming it, never an exception', () => {
  const invalid: Array<[string, fc.Arbitrary<Record<string, unknown>>, string]> = [
    ['parallelism', fc.integer({ max: -1 }).map((v) => ({ parallelism: v })), 'spec.parallelism'],
    ['completions', fc.integer({ max: -1 }).map((v) => ({ completions: v })), 'spec.completions'],
    [
      'backoffLimit',
      fc.integer({ max: -1 }).map((v) => ({ backoffLimit: v })),
      'spec.backoffLimit',
    ],
    [
      'fractional parallelism',
      fc.double({ min: 0.1, max: 100, noInteger: true }).map((v) => ({ parallelism: v })),
      'parallelism',
    ],
    [
      'activeDeadline in millis',
      fc.integer({ min: 1, max: 999 }).map((v) => ({ activeDeadline: Duration.millis(v) })),
      'activeDeadline',
    ],
    [
      'container name',
      fc.stringMatching(/^[A-Z_][A-Za-z_]{0,10}$/).map((v) => ({ containerName: v })),
      'spec.template.spec.containers[0].name',
    ],
    [
      'memory request',
      fc
        .constantFrom('1GB', '1gi', 'lots', '1.5.5Gi', '--1')
        .map((v) => ({ resources: { requests: { memory: v } } })),
      'spec.template.spec.containers[0].resources.requests.memory',
    ],
    [
      'gpu count',
      fc
        .oneof(fc.integer({ max: 0 }), fc.double({ min: 0.1, max: 5, noInteger: true }))
        .map((v) => ({ resources: { gpu: v } })),
      'resources.gpu',
    ],
    [
      'managedBy',
      fc.stringMatching(/^[a-z]{1,10}$/).map((v) => ({ managedBy: v })),
      'spec.managedBy',
    ],
    [
      'env name',
      fc.constantFrom('A=B', '').map((v) => ({ env: { [v]: 'x' } })),
      // after HOME and the cache variables
      `spec.template.spec.containers[0].env[${Object.keys(CACHE_ENV).length}].name`,
    ],
    [
      'explicit name',
      fc.stringMatching(/^[a-z]{64,80}$/).map((v) => ({ metadata: { name: v } })),
      'metadata.name',
    ],
  ];
  test.each(invalid)('%s', (_, arbitrary, field) => {
    fc.assert(
      fc.property(arbitrary, (bad) => {
        const chart = newChart();
        new BatchJob(chart, 'job', { image: 'busybox:1.36', ...bad });
        expect(problemsOf(chart).map((p) => p.field)).toContain(field);
      }),
      { numRuns: 50 },
    );
  });

  test.each([
    [
      'schedule',
      fc.constantFrom(
        '0 25 * * *',
        '61 * * * *',
        '0 0 * * 7',
        '* * *',
        'TZ=UTC * * * * *',
        '@often',
      ),
      'spec.schedule',
    ],
    [
      'timeZone',
      fc.constantFrom('Mars/Olympus_Mons', 'Local', 'berlin', 'Europe/Berlin '),
      'spec.timeZone',
    ],
  ] as const)('ScheduledJob %s', (key, arbitrary, field) => {
    fc.assert(
      fc.property(arbitrary, (bad) => {
        const chart = newChart();
        new ScheduledJob(chart, 'cron', {
          schedule: '0 2 * * *',
          image: 'busybox:1.36',
          [key]: bad,
        });
        expect(problemsOf(chart).map((p) => p.field)).toContain(field);
      }),
    );
  });
});
