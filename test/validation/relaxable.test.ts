import { RULES } from '../../src/validation/catalogue';
import { RELAXABLE_RULES } from '../../src/validation/relaxable';

test('the relaxable rules are exactly the catalogue’s reviewer rules (family 3)', () => {
  const reviewer = RULES.filter((r) => r.family === 3).map((r) => r.id);
  expect([...RELAXABLE_RULES].sort()).toEqual(reviewer.sort());
});
