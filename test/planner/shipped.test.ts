import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDepartmentIds } from '../../cli/commands/departments';
import { ProcessFolder } from '../../cli/commands/plan';
import type { JsonObject } from '../../plan/types';
import { planProcess } from '../../planner/plan-process';
import { shippedExample } from '../support/shipped';
import { SHIPPED_DEFINITIONS } from '../support/test-baton';

/**
 * The shipped processes planned with their example inputs from Monday 2027-01-04. None names a
 * calendar: every day counts, all day, in UTC, and `5d` is five days. Expected values are added up
 * by hand from the dues in the YAML.
 */
const folder = new ProcessFolder(
  SHIPPED_DEFINITIONS,
  readDepartmentIds(path.join(SHIPPED_DEFINITIONS, 'departments.yaml')),
);
const START = '2027-01-04';
const dayAfterStart = (days: number) =>
  new Date(Date.parse(`${START}T00:00:00Z`) + days * 86_400_000).toISOString().replace('.000Z', '+00:00');

async function planShipped(key: string) {
  const plan = folder.load(key);
  if (!plan) throw new Error(`${key} does not compile`);
  return planProcess(plan, shippedExample(key) as JsonObject, { start: START, loadProcess: (k) => folder.load(k) });
}

describe('the shipped processes, planned for their example input', () => {
  it('site-opening: lease 20d, permit 30d, fit-out 6w, network 15d, POS 5d, training 10d, go-live 2d: 124 days', async () => {
    const plan = await planShipped('site-opening');
    expect(plan.criticalPath).toEqual([
      'lease',
      'building-permit',
      'fit-out',
      'network-line',
      'pos-install',
      'train-staff',
      'go-live',
      'opening-day',
      'announce-opening',
    ]);
    expect(plan.expectedFinish).toBe(dayAfterStart(124));
    // The hires are known only once hire-staff is done (day 62): one representative onboarding,
    // planned from employee-onboarding with its input unknown: contract 5d, approval 2d (assumed),
    // payroll 5d, first day 1w, training 2w: 33 days.
    const onboarding = plan.steps.find((step) => step.id === 'onboard-staff');
    expect(onboarding?.items?.map((item) => [item.id, item.basis, item.earliestStart, item.expectedFinish])).toEqual([
      ['onboard-staff[0]', 'sub-process', dayAfterStart(62), dayAfterStart(95)],
    ]);
    // 153,575: the tasks' costs (152,850) and one onboarding's known costs (725).
    expect(plan.costs.total).toBe(153_575);
  });

  it('employee-onboarding (a stock clerk): no approval; contract 5d, payroll 5d, first day 1w, training 2w: 31 days', async () => {
    const plan = await planShipped('employee-onboarding');
    expect(plan.steps.find((step) => step.id === 'hire-approval')).toMatchObject({ skipped: true });
    expect(plan.criticalPath).toEqual(['contract', 'payroll', 'ready', 'first-day', 'training']);
    expect(plan.expectedFinish).toBe(dayAfterStart(31));
    expect(plan.steps.find((step) => step.id === 'badges')?.items?.map((item) => item.department)).toEqual([
      'security',
      'maintenance',
    ]);
  });

  it('service-desk-request (high priority): 1d, escalation assumed, 2d, confirmation 3d: 6 days', async () => {
    const plan = await planShipped('service-desk-request');
    expect(plan.criticalPath).toEqual([
      'first-level',
      'escalated-notice',
      'second-level',
      'resolved-notice',
      'confirmation',
      'closed-notice',
    ]);
    expect(plan.expectedFinish).toBe(dayAfterStart(6));
    expect(plan.steps.find((step) => step.id === 'second-level')).toMatchObject({
      condition: 'unknown before the run',
      department: 'it',
      estimatedCost: 120,
    });
  });
});
