/**
 * `check` finds the Namespaces that enforce Pod Security "restricted" before it checks any
 * object, so no result waits for the end of the input (memory bounded by one document) and
 * the Pod Security rule runs only where it can matter.
 */
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { checkStream } from '../../src/cli/check';
import type { CheckedObject } from '../../src/cli/check';
import { parseManifests } from '../../src/cli/read-manifests';
import type { ManifestObject } from '../../src/cli/read-manifests';
import { run } from '../../src/cli/main';
import { restrictedNamespaces } from '../../src/cli/restricted-namespaces';

const job = (name: string, namespace: string) =>
  [
    'apiVersion: batch/v1',
    'kind: Job',
    `metadata: {name: ${name}, namespace: ${namespace}}`,
    'spec: {template: {spec: {restartPolicy: Never, containers: [{name: m, image: "busybox:1.36"}]}}}',
  ].join('\n');

const namespace = (name: string, key = 'pod-security.kubernetes.io/enforce') =>
  `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n  labels:\n    ${key}: restricted\n`;

function files(contents: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'restricted-ns-'));
  for (const [name, text] of Object.entries(contents)) writeFileSync(join(dir, name), text);
  return dir;
}

const noStdin = () => {
  throw new Error('stdin read');
};

describe('restrictedNamespaces', () => {
  test('finds an enforcing Namespace in any file, written plainly or with escapes', () => {
    const dir = files({
      'a-jobs.yaml': job('a', 'plain'),
      'b-ns.yaml': namespace('plain'),
      'c-escaped.yaml': namespace('escaped', '"pod-security.kubernetes.io\\/enforce"'),
      'd-unicode.yaml': namespace('unicode', '"pod-security.kubernetes.io\\u002fenforce"'),
      'e-baseline.yaml': namespace('baseline').replace(': restricted', ': baseline'),
    });
    expect([...restrictedNamespaces([dir], noStdin)].sort()).toEqual([
      'escaped',
      'plain',
      'unicode',
    ]);
  });

  test('reads standard input once, through the reader it is given', () => {
    let reads = 0;
    const stdin = () => (reads++, `${job('a', 'x')}\n---\n${namespace('x')}`);
    expect([...restrictedNamespaces(['-'], stdin)]).toEqual(['x']);
    expect(reads).toBe(1);
  });

  test('a label key split across the read chunk boundary is still found', () => {
    const ns = namespace('far');
    const keyAt = ns.indexOf('pod-security');
    const filler = `# ${'x'.repeat(1024 * 1024 - keyAt - 10 - 3)}\n`;
    expect(Buffer.byteLength(filler) + keyAt).toBe(1024 * 1024 - 10);
    const dir = files({ 'big.yaml': `${filler}${ns}` });
    expect([...restrictedNamespaces([dir], noStdin)]).toEqual(['far']);
  });
});

describe('check with the namespaces known first', () => {
  test('writes each result as its object is read, not at the end of the input', () => {
    const written: string[] = [];
    function* sources(): Generator<ManifestObject> {
      for (let i = 0; i < 3; i++) {
        yield parseManifests('f.yaml', job(`j${i}`, 'x'))[0];
        expect(written).toEqual(Array.from({ length: i + 1 }, (_, k) => `j${k}`));
      }
    }
    checkStream(
      sources(),
      { targetVersion: '1.37', restrictedNamespaces: new Set() },
      {
        object: (c: CheckedObject) => written.push(c.name),
        readError: () => undefined,
        internalError: (e) => {
          throw new Error(e.message);
        },
      },
    );
    expect(written).toEqual(['j0', 'j1', 'j2']);
  });

  test('a Namespace in a later file makes the Job an error; --pod-security keeps it one', async () => {
    const dir = files({ 'a-job.yaml': job('a', 'team'), 'z-ns.yaml': namespace('team') });
    for (const extra of [[], ['--pod-security', 'restricted']]) {
      const out: string[] = [];
      const code = await run(['check', ...extra, dir], { out: (l) => out.push(l), err: () => {} });
      expect(code).toBe(1);
      expect(out.join('\n')).toMatch(
        /the namespace enforces the restricted profile.*\[pod-security\]$/m,
      );
      expect(out.join('\n')).not.toMatch(/\(warning\)/);
    }
  });
});
