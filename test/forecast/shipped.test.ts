import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDepartmentIds } from '../../cli/commands/departments';
import { ProcessFolder } from '../../cli/commands/plan';
import { forecastProcess } from '../../forecast/forecast-process';
import type { JsonObject } from '../../plan/types';
import { shippedExample } from '../support/shipped';
import { SHIPPED_DEFINITIONS } from '../support/test-baton';

/**
 * The shipped processes planned with their example inputs from Monday 2027-01-04. The
 * service-desk request names no calendar: every day counts, all day, in UTC, and `5d` is five days.
 * The site opening, the onboarding and the clinic opening count in fr-business (Paris, 09:00-18:00,
 * Easter Monday 29 March and Ascension 6 May 2027 off). Expected values are added up by hand from
 * the dues and efforts in the YAML.
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
  return forecastProcess(plan, shippedExample(key) as JsonObject, { start: START, loadProcess: (k) => folder.load(k) });
}

describe('the shipped processes, planned for their example input', () => {
  it('site-opening: lease 10, permit 15, fit-out 30, network 10, POS 3, training 5, go-live 1 business days: Friday 16 April', async () => {
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
    // From Monday 4 January 09:00, in French business days of effort: the lease to Friday 15 January,
    // the permit to Friday 5 February, the fit-out to Friday 19 March, the network line to Monday
    // 5 April (Easter Monday off), the POS to Thursday 8 April, the training to Thursday 15 April,
    // the go-live to Friday 16 April at 18:00 in Paris (CEST), well before the opening on 3 May.
    expect(plan.expectedFinish).toBe('2027-04-16T18:00:00+02:00');
    const step = (id: string) => plan.steps.find((candidate) => candidate.id === id);
    // Dues counted back from the opening, Monday 3 May 2027, at 18:00 in Paris: 1 business day is
    // Friday 30 April; 20 (Easter Monday skipped) is Monday 5 April.
    expect([step('go-live')?.due, step('go-live')?.expectedFinish]).toEqual([
      '2027-04-30T18:00:00+02:00',
      '2027-04-16T18:00:00+02:00',
    ]);
    expect([step('fit-out')?.due, step('fit-out')?.expectedFinish]).toEqual([
      '2027-04-05T18:00:00+02:00',
      '2027-03-19T18:00:00+01:00',
    ]);
    // The hires are known only once hire-staff is done (30 business days after the lease: Friday
    // 26 February): one representative onboarding, planned from employee-onboarding with its input
    // unknown: contract 3, approval 1 (assumed), equipment 5, first day none (its due is unknown),
    // training 10 business days: Thursday 25 March.
    const onboarding = plan.steps.find((candidate) => candidate.id === 'onboard-staff');
    expect(onboarding?.items?.map((item) => [item.id, item.basis, item.earliestStart, item.expectedFinish])).toEqual([
      ['onboard-staff[0]', 'sub-process', '2027-02-26T18:00:00+01:00', '2027-03-25T18:00:00+01:00'],
    ]);
    // 153,575: the tasks' costs (152,850) and one onboarding's known costs (725), said to be per hire.
    expect(plan.costs.total).toBe(153_575);
    expect(onboarding).toMatchObject({ itemCount: 'unknown before the run', estimatedCost: 725 });
    expect(plan.costs.itemsUnknown).toEqual([{ step: 'onboard-staff', costPerItem: 725 }]);
    // Total float, in business days: the safety inspection ends Friday 26 March and the opening
    // authorisation after it takes 10 business days (Easter Monday off) by Monday 12 April, while the
    // go-live it waits for starts Thursday 15 April: 3 days (Tuesday 13 to Thursday 15) for both.
    expect([step('safety-inspection')?.floatDays, step('opening-authorisation')?.floatDays]).toEqual([3, 3]);
    expect(step('fit-out')?.floatDays).toBe(0);
  });

  it('employee-onboarding (a stock clerk): no approval; contract 3, equipment 5, first day after the start, training 10 business days', async () => {
    const plan = await planShipped('employee-onboarding');
    expect(plan.steps.find((step) => step.id === 'hire-approval')).toMatchObject({ skipped: true });
    expect(plan.criticalPath).toEqual(['contract', 'equipment[0]', 'ready', 'first-day', 'training']);
    // Contract Monday 4 to Wednesday 6 January, equipment to Wednesday 13 January (the items tie: the
    // first one stands for them), the first day until its due, the business day after the start on
    // Monday 1 February (Tuesday 2 February at 18:00), then 10 business days of training: Tuesday 16 February.
    expect(plan.expectedFinish).toBe('2027-02-16T18:00:00+01:00');
    const step = (id: string) => plan.steps.find((candidate) => candidate.id === id);
    // The equipment, the accounts and the badges are due the business day before the start: Friday 29 January.
    expect(step('equipment')?.items?.map((item) => item.due)).toEqual([
      '2027-01-29T18:00:00+01:00',
      '2027-01-29T18:00:00+01:00',
      '2027-01-29T18:00:00+01:00',
    ]);
    expect(step('access-rights')?.due).toBe('2027-01-29T18:00:00+01:00');
    expect(step('first-day')?.due).toBe('2027-02-02T18:00:00+01:00');
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
