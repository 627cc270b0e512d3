import { Testing } from 'cdk8s';
import { BatchChart } from './main';

test('the chart synthesizes what it did last time', () => {
  // Synth fails here, with every problem listed, if a workload breaks a rule.
  expect(Testing.synth(new BatchChart(Testing.app(), 'batch'))).toMatchSnapshot();
});
