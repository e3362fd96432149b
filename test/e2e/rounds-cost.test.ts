import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAXIMUM_AMOUNT } from '../../plan/amounts';
import { definitionsFolder, startTestBaton, type TestBaton } from '../support/test-baton';

/** Works sent back again and again, each round at the largest cost an amount may have. */
const WORKS = `
process: costly-works
title: Works checked until right
owner: maintenance
input:
  type: object
  properties: {}
tasks:
  - id: works
    title: Do the works
    department: maintenance
    due: 2d
  - id: inspection
    type: approval
    title: Inspect the works
    department: operations
    after: [works]
    due: 1d
    onReject:
      reopen: [works]
      maxRounds: 4
`;

describe("the cost of a task's earlier rounds", () => {
  let t: TestBaton;

  beforeAll(async () => {
    t = await startTestBaton('rounds-cost', definitionsFolder({ 'costly-works.yaml': WORKS }));
  });

  afterAll(async () => {
    await t?.stop();
  });

  it('adds up past the largest single amount: a third round opens, the total kept to the cent', async () => {
    const id = (await t.admin.post('/definitions/costly-works/instances', { input: {} })).body.id;
    for (let round = 0; round < 2; round += 1) {
      const done = await t.admin.post(`/tasks/${id}.works/complete`, { output: {}, actualCost: MAXIMUM_AMOUNT });
      expect(done.status).toBe(200);
      const rejected = await t.admin.post(`/tasks/${id}.inspection/complete`, {
        output: { decision: 'reject', comment: `round ${round}: redo it` },
      });
      expect(rejected.status).toBe(200);
    }
    const works = await t.admin.get(`/tasks/${id}.works`);
    expect(works.body).toMatchObject({ status: 'open', round: 2, earlierRoundsCost: 2 * MAXIMUM_AMOUNT });
  });
});
