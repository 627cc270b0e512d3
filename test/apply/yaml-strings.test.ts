/**
 * `apply` reads YAML as the API server does (goyaml.v2 via sigs.k8s.io/yaml), so what the
 * server stores has the types kubectl would have sent: plain `e2`, `E1`, `-e3` and `1:30`
 * are strings (not NaN, null or 90), `0777` is the octal int 511, `yes` is true.
 */
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { useApiDouble } from '../support/api-double';
import { cli } from '../support/apply-cli';

const MANIFEST = `# written by hand: every value below is a plain (unquoted) scalar unless quoted
apiVersion: batch/v1
kind: Job
metadata:
  name: yaml-strings
  namespace: ai-agents
  labels:
    tier: e2
    zone: E1
  annotations:
    window: 1:30
    flag: -e3
    quoted: "yes"
    date: 2026-11-23
spec:
  backoffLimit: 0x3
  template:
    spec:
      restartPolicy: Never
      automountServiceAccountToken: yes
      containers:
        - name: e5
          image: busybox:1.36
          args: [-e3, e2, '0777', 1_000]
          env:
            - name: MODE
              value: E1
      volumes:
        - name: config
          configMap:
            name: cfg
            defaultMode: 0777
`;

describe('apply sends what the API server would read from the YAML', () => {
  const double = useApiDouble();

  test('e2, E1, -e3 and 1:30 arrive as strings; 0777 as 511; yes as true', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'yaml-strings-'));
    const file = join(dir, 'job.yaml');
    writeFileSync(file, MANIFEST);
    const r = await cli(['apply', '--server', double.server, file]);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toMatch(/^Job\/.*yaml-strings created/m);
    const job = double.api.objects.get('jobs/ai-agents/yaml-strings');
    expect(job?.metadata.labels).toEqual({ tier: 'e2', zone: 'E1' });
    expect(job?.metadata.annotations).toEqual({
      window: '1:30',
      flag: '-e3',
      quoted: 'yes',
      date: '2026-11-23',
    });
    expect(job?.spec.backoffLimit).toBe(3);
    const pod = job?.spec.template.spec;
    expect(pod.automountServiceAccountToken).toBe(true);
    expect(pod.containers[0]).toMatchObject({
      name: 'e5',
      args: ['-e3', 'e2', '0777', 1000],
      env: [{ name: 'MODE', value: 'E1' }],
    });
    expect(pod.volumes[0].configMap.defaultMode).toBe(511);
  }, 60_000);
});
