import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../support/api-client';
import { recordHistory } from '../support/histories';
import { definitionsFolder, startTestBaton, type TestBaton } from '../support/test-baton';
import { userClient } from '../support/users';

/** A lease is drafted, checked by legal, then approved by finance, who may send it back twice. */
const LEASE = `
process: lease
title: Sign a lease
owner: real-estate
input:
  type: object
  required: [site]
  properties:
    site: { type: string }
tasks:
  - id: draft
    title: "Draft the lease for {{ input.site }}"
    department: real-estate
    due: 2d
  - id: legal-check
    title: "Check the lease for {{ input.site }}"
    department: legal
    after: [draft]
    due: 2d
  - id: budget-approval
    type: approval
    title: "Approve the lease for {{ input.site }}"
    department: finance
    after: [legal-check]
    due: 1d
    onReject:
      reopen: [draft]
      maxRounds: 2
  - id: sign
    title: "Sign the lease for {{ input.site }}"
    department: real-estate
    after: [budget-approval]
    due: 1d
`;

/** Without onReject, a rejection ends the instance. */
const PURCHASE = `
process: purchase
title: Buy a machine
owner: finance
input: { type: object }
tasks:
  - id: approval
    type: approval
    title: Approve the purchase
    department: finance
    due: 1d
  - id: order
    title: Order the machine
    department: logistics
    after: [approval]
    due: 1d
`;

/** Two approvals may send the same draft back, one after the other. */
const CONTRACT = `
process: contract
title: Sign a supplier contract
owner: legal
input: { type: object }
tasks:
  - id: draft
    title: Draft the contract
    department: legal
    due: 1d
    cost: 100
  - id: legal-approval
    type: approval
    title: Legal review
    department: legal
    after: [draft]
    due: 1d
    onReject: { reopen: [draft] }
  - id: budget-approval
    type: approval
    title: Budget review
    department: finance
    after: [legal-approval]
    due: 1d
    onReject: { reopen: [draft] }
`;

describe('approvals', () => {
  let t: TestBaton;
  let manager: ApiClient;
  let finance: ApiClient;

  beforeAll(async () => {
    t = await startTestBaton(
      'approvals',
      definitionsFolder({ 'lease.yaml': LEASE, 'purchase.yaml': PURCHASE, 'contract.yaml': CONTRACT }),
    );
    manager = await userClient(t.admin, 'manager');
    finance = await userClient(t.admin, 'staff', 'finance');
  });

  afterAll(async () => {
    await t?.stop();
  });

  it('sends the work back with the comment on rejection, and goes on once approved', async () => {
    const id = (await manager.post('/definitions/lease/instances', { input: { site: 'Lyon' } })).body.id;
    await t.admin.post(`/tasks/${id}.draft/complete`, { output: {} });
    await t.admin.post(`/tasks/${id}.legal-check/complete`, { output: {} });

    const approval = await finance.get(`/tasks/${id}.budget-approval`);
    expect(approval.body).toMatchObject({ kind: 'approval', status: 'open', round: 0 });
    expect(approval.body.form.required).toEqual(['decision']);

    const withoutComment = await finance.post(`/tasks/${id}.budget-approval/complete`, {
      output: { decision: 'reject' },
    });
    expect(withoutComment.status).toBe(422);

    const rejected = await finance.post(`/tasks/${id}.budget-approval/complete`, {
      output: { decision: 'reject', comment: 'Rent is 10% over budget' },
    });
    expect(rejected.status).toBe(200);

    const draft = await t.admin.get(`/tasks/${id}.draft`);
    expect(draft.body).toMatchObject({ status: 'open', round: 1, note: 'Rent is 10% over budget', completedAt: null });
    const inbox = await t.admin.get('/tasks?department=real-estate&status=open');
    expect(inbox.body.items.map((task: { id: string }) => task.id)).toContain(`${id}.draft`);

    const status = await manager.get(`/instances/${id}`);
    const states = Object.fromEntries(
      status.body.steps.map((step: { stepId: string; status: string }) => [step.stepId, step.status]),
    );
    expect(states).toEqual({ draft: 'open', 'legal-check': 'pending', 'budget-approval': 'pending', sign: 'pending' });

    await t.admin.post(`/tasks/${id}.draft/complete`, { output: {} });
    await t.admin.post(`/tasks/${id}.legal-check/complete`, { output: {} });
    const secondRound = await finance.get(`/tasks/${id}.budget-approval`);
    expect(secondRound.body).toMatchObject({ status: 'open', round: 1 });
    await finance.post(`/tasks/${id}.budget-approval/complete`, { output: { decision: 'approve' } });

    expect((await t.admin.get(`/tasks/${id}.sign`)).body.status).toBe('open');
    await t.admin.post(`/tasks/${id}.sign/complete`, { output: {} });
    expect((await manager.get(`/instances/${id}`)).body.status).toBe('completed');
    recordHistory(id, 'lease-reopened-then-approved');
  });

  it('ends the instance as rejected when the last round is rejected too', async () => {
    const id = (await manager.post('/definitions/lease/instances', { input: { site: 'Nantes' } })).body.id;
    for (let round = 1; round <= 2; round += 1) {
      await t.admin.post(`/tasks/${id}.draft/complete`, { output: {} });
      await t.admin.post(`/tasks/${id}.legal-check/complete`, { output: {} });
      const answer = await finance.post(`/tasks/${id}.budget-approval/complete`, {
        output: { decision: 'reject', comment: `no (${round})` },
      });
      expect(answer.status).toBe(200);
    }
    const status = await manager.get(`/instances/${id}`);
    expect(status.body.status).toBe('rejected');
    expect(status.body.steps.find((step: { stepId: string }) => step.stepId === 'sign').status).toBe('cancelled');
    expect(
      (await manager.get(`/instances?key=lease&status=rejected`)).body.items.map((i: { id: string }) => i.id),
    ).toContain(id);
  });

  it('cancels the open and pending work when onReject is cancel (the default)', async () => {
    const id = (await manager.post('/definitions/purchase/instances', { input: {} })).body.id;
    const rejected = await finance.post(`/tasks/${id}.approval/complete`, {
      output: { decision: 'reject', comment: 'not this year' },
    });
    expect(rejected.status).toBe(200);
    const status = await manager.get(`/instances/${id}`);
    expect(status.body).toMatchObject({ status: 'rejected' });
    expect(status.body.steps.map((step: { status: string }) => step.status)).toEqual(['done', 'cancelled']);
    const approval = await finance.get(`/tasks/${id}.approval`);
    expect(approval.body.output).toEqual({ decision: 'reject', comment: 'not this year' });
    recordHistory(id, 'purchase-rejected');
  });

  it('reopens a step sent back by two approvals in turn, and counts what each round cost', async () => {
    const id = (await manager.post('/definitions/contract/instances', { input: {} })).body.id;
    const reject = (step: string, comment: string) =>
      t.admin.post(`/tasks/${id}.${step}/complete`, { output: { decision: 'reject', comment } });

    await t.admin.post(`/tasks/${id}.draft/complete`, { output: {}, actualCost: 100 });
    expect((await reject('legal-approval', 'liability clause missing')).status).toBe(200);
    await t.admin.post(`/tasks/${id}.draft/complete`, { output: {}, actualCost: 80 });
    await t.admin.post(`/tasks/${id}.legal-approval/complete`, { output: { decision: 'approve' } });
    expect((await reject('budget-approval', 'too expensive')).status).toBe(200);

    const draft = await t.admin.get(`/tasks/${id}.draft`);
    expect(draft.body).toMatchObject({ status: 'open', round: 2, note: 'too expensive', earlierRoundsCost: 180 });
    expect((await t.admin.post(`/tasks/${id}.draft/complete`, { output: {}, actualCost: 60 })).status).toBe(200);
    const legal = await t.admin.get(`/tasks/${id}.legal-approval`);
    expect(legal.body).toMatchObject({ status: 'open', round: 2 });

    const status = await manager.get(`/instances/${id}`);
    expect(status.body.steps[0]).toMatchObject({ stepId: 'draft', status: 'done', round: 2, actualCost: 240 });
    expect(status.body.cost.actual).toBe(240);
  });
});
