import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../support/api-client';
import { recordHistory } from '../support/histories';
import { inboxOf, StaffRoster, shippedExample, stepOf, untilOpen } from '../support/shipped';
import { startTestBaton, type TestBaton } from '../support/test-baton';
import { userClient } from '../support/users';

const INCIDENT = shippedExample('service-desk-request');
const SUMMARY = 'Card terminal 2 refuses contactless payments';

interface StepJson {
  stepId: string;
  kind: string;
  status: string;
  round?: number;
  estimatedCost: number;
  actualCost: number | null;
}

interface Message {
  recipient: string;
  subject: string;
  message: string;
  createdAt: string;
}

/** The shipped service-desk-request, as the service desk, the second level and the requester's department live it. */
describe('shipped process: service-desk-request', () => {
  let t: TestBaton;
  let manager: ApiClient;
  let staff: StaffRoster;

  beforeAll(async () => {
    t = await startTestBaton('shipped-service-desk');
    manager = await userClient(t.admin, 'manager');
    staff = new StaffRoster(t.admin);
  });

  afterAll(async () => {
    await t?.stop();
  });

  async function complete(task: string, department: string, output: object, actualCost?: number) {
    const answer = await (await staff.of(department)).post(`/tasks/${task}/complete`, {
      output,
      ...(actualCost === undefined ? {} : { actualCost }),
    });
    expect(answer.status, `completing ${task}: ${JSON.stringify(answer.body)}`).toBe(200);
    return answer.body;
  }

  async function statusOf(id: string): Promise<{ status: string; steps: StepJson[]; [key: string]: unknown }> {
    return (await manager.get(`/instances/${id}`)).body;
  }

  /** What the requester received, oldest first. */
  async function mailTo(id: string, address: string): Promise<Message[]> {
    const items: Message[] = (await manager.get(`/notifications?instance=${id}&kind=notify`)).body.items;
    return items
      .filter((item) => item.recipient === `address:${address}`)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  it('escalates what the first level cannot solve, and reopens it when the requester says it is not solved', async () => {
    const started = await manager.post('/definitions/service-desk-request/instances', { input: INCIDENT });
    expect(started.status).toBe(201);
    const id = started.body.id;

    // Acknowledged by e-mail; the service desk has it, within the high-priority service level.
    const [received] = await mailTo(id, 'lea.moreau@example.com');
    expect(received?.subject).toBe(`We received your incident: ${SUMMARY}`);
    expect(received?.message).toContain(`reference ${id}) and handles it within 1d.`);
    await untilOpen(manager, id, ['first-level']);
    const desk = await staff.of('service-desk');
    expect(await inboxOf(desk, id)).toEqual({ 'first-level': `Incident: ${SUMMARY} (Léa Moreau)` });
    const firstLevel = (await desk.get(`/tasks/${id}.first-level`)).body;
    expect(firstLevel.description).toContain('IT, high priority, site LYO-012.');
    expect(firstLevel.description).toContain('an unsolved incident goes to it.');
    expect(Date.parse(firstLevel.dueAt) - Date.parse(firstLevel.openedAt)).toBe(86_400_000);
    expect(await inboxOf(await staff.of('it'), id)).toEqual({});
    expect(await inboxOf(await staff.of('finance'), id)).toEqual({});

    const unanswered = await desk.post(`/tasks/${id}.first-level/complete`, { output: { resolution: 'looked' } });
    expect(unanswered.status).toBe(422);
    expect(unanswered.body.errors).toContainEqual({ field: '/solved', message: 'is required' });

    // Not solved: the requester is told, and IT (the category's second level) gets it.
    await complete(`${id}.first-level`, 'service-desk', {
      solved: false,
      resolution: 'The terminal firmware is outdated and needs a remote update',
    });
    await untilOpen(manager, id, ['second-level']);
    const escalatedMail = (await mailTo(id, 'lea.moreau@example.com'))[1];
    expect(escalatedMail?.subject).toBe(`Your incident was passed to a specialist team: ${SUMMARY}`);
    expect(escalatedMail?.message).toContain('It is now with the IT team, who handle it within 2d.');
    const it_ = await staff.of('it');
    expect(await inboxOf(it_, id)).toEqual({ 'second-level': `Escalated incident: ${SUMMARY} (Léa Moreau)` });
    const secondLevel = (await it_.get(`/tasks/${id}.second-level`)).body;
    expect(secondLevel).toMatchObject({ department: 'it', estimatedCost: 120 });
    expect(secondLevel.description).toContain(
      'The service desk found: The terminal firmware is outdated and needs a remote update',
    );
    expect(Date.parse(secondLevel.dueAt) - Date.parse(secondLevel.openedAt)).toBe(2 * 86_400_000);
    await complete(`${id}.second-level`, 'it', { resolution: 'Firmware updated to 4.2, contactless tested' }, 150);

    // The requester's department confirms; the service desk cannot do it for them.
    await untilOpen(manager, id, ['confirmation']);
    const finance = await staff.of('finance');
    expect(await inboxOf(finance, id)).toEqual({
      confirmation: `Confirm that "${SUMMARY}" is solved for Léa Moreau`,
    });
    expect((await finance.get(`/tasks/${id}.confirmation`)).body).toMatchObject({
      kind: 'approval',
      department: 'finance',
      description:
        'Resolution: Firmware updated to 4.2, contactless tested. Reject it with what is still wrong to send it back to the service desk.',
    });
    expect((await desk.post(`/tasks/${id}.confirmation/complete`, { output: { decision: 'approve' } })).status).toBe(
      403,
    );
    const solvedMail = (await mailTo(id, 'lea.moreau@example.com'))[2];
    expect(solvedMail?.subject).toBe(`Solved, please confirm: ${SUMMARY}`);
    expect(solvedMail?.message).toMatch(/^Firmware updated to 4\.2, contactless tested\./);

    // Not solved for the requester: back to the service desk with the reason.
    await complete(`${id}.confirmation`, 'finance', { decision: 'reject', comment: 'Visa contactless still declined' });
    await untilOpen(manager, id, ['first-level']);
    expect((await desk.get(`/tasks/${id}.first-level`)).body).toMatchObject({
      status: 'open',
      round: 1,
      note: 'Visa contactless still declined',
    });
    const reopened = await statusOf(id);
    expect(reopened.steps.map((step) => [step.stepId, step.status])).toEqual([
      ['acknowledge', 'done'],
      ['first-level', 'open'],
      ['escalated-notice', 'pending'],
      ['second-level', 'pending'],
      ['resolved-notice', 'pending'],
      ['confirmation', 'pending'],
      ['closed-notice', 'pending'],
    ]);

    // Solved at the first level this time: no escalation, straight to the requester's confirmation.
    await complete(`${id}.first-level`, 'service-desk', {
      solved: true,
      resolution: 'Visa contactless was disabled in the acquirer profile; re-enabled',
    });
    await untilOpen(manager, id, ['confirmation']);
    expect(await inboxOf(it_, id)).toEqual({});
    expect((await finance.get(`/tasks/${id}.confirmation`)).body).toMatchObject({ round: 1, status: 'open' });
    await complete(`${id}.confirmation`, 'finance', { decision: 'approve', comment: 'Works now' });

    const mail = await mailTo(id, 'lea.moreau@example.com');
    expect(mail.map((message) => message.subject)).toEqual([
      `We received your incident: ${SUMMARY}`,
      `Your incident was passed to a specialist team: ${SUMMARY}`,
      `Solved, please confirm: ${SUMMARY}`,
      `Solved, please confirm: ${SUMMARY}`,
      `Closed: ${SUMMARY}`,
    ]);
    expect(mail[3]?.message).toMatch(/^Visa contactless was disabled in the acquirer profile; re-enabled\./);

    const finished = await statusOf(id);
    expect(finished.steps.map((step) => [step.stepId, step.status])).toEqual([
      ['acknowledge', 'done'],
      ['first-level', 'done'],
      ['escalated-notice', 'skipped'],
      ['second-level', 'skipped'],
      ['resolved-notice', 'done'],
      ['confirmation', 'done'],
      ['closed-notice', 'done'],
    ]);
    // Both rounds' work counts: the service desk twice, and IT's escalation of the first round at what it cost.
    expect(finished).toMatchObject({
      status: 'completed',
      progress: { done: 7, total: 7 },
      cost: { estimated: 25 + 150 + 25, actual: 25 + 150 + 25 },
    });
    expect(stepOf(finished.steps, 'second-level')).toMatchObject({
      status: 'skipped',
      estimatedCost: 150,
      actualCost: 150,
    });
    expect(stepOf(finished.steps, 'first-level')).toMatchObject({ actualCost: 50 });
    recordHistory(id, 'shipped-service-desk-request');
  });

  it('closes a request solved at the first level without involving a second-level team', async () => {
    const input = {
      requesterName: 'Tom Girard',
      requesterEmail: 'tom.girard@example.com',
      requesterDepartment: 'hr',
      kind: 'request',
      category: 'access',
      priority: 'normal',
      summary: 'Badge access to the archive room',
    };
    const refused = await manager.post('/definitions/service-desk-request/instances', {
      input: { ...input, requesterDepartment: 'marketing' },
    });
    expect(refused.status).toBe(422);

    const id = (await manager.post('/definitions/service-desk-request/instances', { input })).body.id;
    const [task] = await untilOpen(manager, id, ['first-level']);
    expect(task).toMatchObject({
      department: 'service-desk',
      title: 'Request: Badge access to the archive room (Tom Girard)',
    });
    await complete(`${id}.first-level`, 'service-desk', {
      solved: true,
      resolution: 'Archive room added to badge B-88',
    });

    await untilOpen(manager, id, ['confirmation']);
    expect(await inboxOf(await staff.of('security'), id)).toEqual({});
    expect(await inboxOf(await staff.of('hr'), id)).toEqual({
      confirmation: 'Confirm that "Badge access to the archive room" is solved for Tom Girard',
    });
    await complete(`${id}.confirmation`, 'hr', { decision: 'approve' });

    const finished = await statusOf(id);
    expect(stepOf(finished.steps, 'second-level').status).toBe('skipped');
    expect(finished).toMatchObject({ status: 'completed', cost: { estimated: 25, actual: 25 } });
    expect((await mailTo(id, 'tom.girard@example.com')).map((message) => message.subject)).toEqual([
      'We received your request: Badge access to the archive room',
      'Solved, please confirm: Badge access to the archive room',
      'Closed: Badge access to the archive room',
    ]);
  });
});
