import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDepartmentIds } from '../../cli/commands/departments';
import { ProcessFolder } from '../../cli/commands/plan';
import type { JsonObject } from '../../plan/types';
import { planProcess } from '../../planner/plan-process';
import { shippedExample } from '../support/shipped';
import { SHIPPED_DEFINITIONS } from '../support/test-baton';

/**
 * The shipped processes planned with their example inputs from Monday 2027-01-04. All but
 * clinic-opening name no calendar: every day counts, all day, in UTC, and `5d` is five days.
 * clinic-opening counts in fr-business (Paris, 09:00-18:00). Expected values are added up by hand
 * from the dues and efforts in the YAML.
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

  it('clinic-opening: works 70, equipment 15, sign-off 3 French business days: Friday 7 May, a month before the opening', async () => {
    const plan = await planShipped('clinic-opening');
    // Works from Monday 4 January 09:00: 20 business days in January, 20 in February, 22 in March,
    // Easter Monday (29 March) off, then 8 more in April: Monday 12 April at 18:00 in Paris (CEST).
    // Each item of equipment then takes 15 (13 April to 3 May); the sign-off 3 (4, 5 and 7 May,
    // Ascension on the 6th off). The items tie: the first one stands for them on the path.
    expect(plan.criticalPath).toEqual(['works', 'equipment[0]', 'quality-sign-off', 'opening-day', 'announce-opening']);
    expect(plan.expectedFinish).toBe('2027-05-07T18:00:00+02:00');
    const step = (id: string) => plan.steps.find((candidate) => candidate.id === id);
    // Dues counted back from the opening, Monday 7 June 2027, at 18:00 in Paris: 30 business days
    // (Whit Monday 17 May and Ascension 6 May skipped) is Thursday 22 April; 10 is Monday 24 May.
    expect([step('works')?.due, step('works')?.expectedFinish]).toEqual([
      '2027-04-22T18:00:00+02:00',
      '2027-04-12T18:00:00+02:00',
    ]);
    expect(step('it-setup')?.due).toBe('2027-05-24T18:00:00+02:00');
    expect(step('staffing')).toMatchObject({ due: '2027-05-14T18:00:00+02:00', department: 'hr' });
    expect(step('equipment')?.items?.map((item) => item.department)).toEqual([
      'maintenance',
      'maintenance',
      'maintenance',
      'maintenance',
      'it',
      'logistics',
    ]);
    // Works 185,000, the six items 179,500, pharmacy 24,000, IT 16,500, staffing 12,000.
    expect(plan.costs.total).toBe(417_000);
  });
});
