import { RULES } from '../../src/validation/catalogue';
import { RELAXABLE_RULES } from '../../src/validation/relaxable';

test('the relaxable rules are exactly the catalogue’s reviewer rules (family 3)', () => {
  const reviewer = RULES.filter((r) => r.family === 3).map((r) => r.id);
  expect([...RELAXABLE_RULES].sort()).toEqual(reviewer.sort());
});

test('a container entry that is not an object keeps the paths of the others right', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { validateManifest } = require('../../src/validation/validate-manifest');
  const problems = validateManifest({
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'j' },
    spec: {
      template: {
        spec: {
          restartPolicy: 'Never',
          containers: ['junk', { name: 'Bad_Name', image: 'x:1' }],
        },
      },
    },
  });
  const fields = problems.map((p: { field: string }) => p.field);
  expect(fields).toContain('spec.template.spec.containers[1].name');
  expect(fields).not.toContain('spec.template.spec.containers[0].name');
});
