import { formatIsoDate } from '../plan/civil-date';
import type { StepKind } from '../plan/types';
import { parseDateTime, toLocal } from '../plan/zoned-time';
import { type PlannedUnit, type ProcessForecast, UNKNOWN } from './result';

/**
 * A plan for people: a table of the steps, an ASCII Gantt chart, the critical path, the anchors and
 * the costs. Dates are local to the plan's calendar.
 */
export function formatPlan(plan: ProcessForecast): string {
  return [
    `${plan.title} (${plan.key})`,
    `start ${short(plan.start)}, expected finish ${short(plan.expectedFinish)} (${plan.workingDays} working days, calendar ${plan.calendar})`,
    '',
    formatTable(plan),
    '',
    formatGantt(plan),
    '',
    `critical path: ${plan.criticalPath.join(' → ') || '(none)'}`,
    ...plan.anchors.map(
      (anchor) =>
        `${anchor.kind} ${anchor.value} (${anchor.expression}): ${anchor.met ? 'every due met' : 'at risk'}` +
        (anchor.finishBefore === null
          ? ''
          : `; the process ${anchor.finishBefore ? 'finishes before it' : 'finishes after it'}`),
    ),
    '',
    formatCosts(plan),
    ...plan.notes.map((note) => `note: ${note}`),
  ].join('\n');
}

/** One row per step, and per item of a `forEach` step; `*` marks the critical path. */
export function formatTable(plan: ProcessForecast): string {
  const header = ['step', 'kind', 'department', 'start', 'expected finish', 'due', 'to due', 'float', 'cost', 'notes'];
  const rows: string[][] = [];
  for (const step of plan.steps) {
    const mark = step.critical ? '* ' : '  ';
    if (step.skipped) {
      rows.push([`${mark}${step.id}`, step.kind, '', '', '', '', '', '', '', `skipped (when: not met)`]);
      continue;
    }
    const unitRow = (unit: PlannedUnit, label: string, kind: string, notes: readonly string[]) => [
      label,
      kind,
      unit.department ?? '',
      short(unit.earliestStart),
      short(unit.expectedFinish),
      unit.due === null ? '' : short(unit.due),
      unit.slackDays === null ? '' : `${unit.slackDays >= 0 ? '+' : ''}${unit.slackDays}d`,
      unit.floatDays === null ? '' : `${unit.floatDays}d`,
      formatAmount(unit.estimatedCost),
      notes.join('; '),
    ];
    if (step.items === null) {
      rows.push(unitRow(step, `${mark}${step.id}`, step.kind, step.notes));
      continue;
    }
    const perItem = step.itemCount === UNKNOWN;
    rows.push([
      `${mark}${step.id}`,
      step.kind,
      step.department ?? '',
      short(step.earliestStart),
      short(step.expectedFinish),
      '',
      '',
      step.floatDays === null ? '' : `${step.floatDays}d`,
      `${formatAmount(step.estimatedCost)}${perItem ? ` per ${itemName(step.kind)}` : ''}`,
      [...(perItem ? [] : [`${step.items.length} ${itemName(step.kind)}(s)`]), ...step.notes].join('; '),
    ]);
    for (const item of step.items)
      rows.push(unitRow(item, `${item.critical ? '* ' : '  '}  ${item.id}`, '', item.notes));
  }
  return columns([header, ...rows]);
}

/** Columns wider than this many days are grouped, so a long process still fits a terminal. */
const MAX_COLUMNS = 100;

/**
 * One row per unit, one column per day (or per group of days in long plans): `#` expected work,
 * `o` done at once, `|` the due (`!` when the work is expected to end after it), `.` days off;
 * `*` before a row marks the critical path.
 */
export function formatGantt(plan: ProcessForecast): string {
  const { timeZone } = plan;
  const dayOf = (iso: string) => toLocal(parseDateTime(iso, timeZone) ?? 0, timeZone).day;
  const finishDayOf = (iso: string) => {
    const local = toLocal(parseDateTime(iso, timeZone) ?? 0, timeZone);
    // Work ending at midnight ends the day before.
    return local.ms === 0 ? local.day - 1 : local.day;
  };
  const units = plan.steps.flatMap((step) => (step.skipped ? [] : (step.items ?? [step])));
  const first = dayOf(plan.start);
  const last = Math.max(
    first,
    ...units.flatMap((unit) => [
      finishDayOf(unit.expectedFinish),
      unit.due === null ? first : finishDayOf(unit.due) + 1,
    ]),
  );
  const span = last - first + 1;
  const perColumn = Math.ceil(span / MAX_COLUMNS);
  const width = Math.ceil(span / perColumn);
  const columnOf = (day: number) => Math.floor((day - first) / perColumn);
  const labelWidth = Math.max(4, ...units.map((unit) => unit.id.length + 2));
  const background = Array.from({ length: width }, (_, column) => {
    if (perColumn > 1) return ' ';
    return isDayOff(first + column, plan) ? '.' : ' ';
  });
  const lines: string[] = [];
  lines.push(`${''.padEnd(labelWidth)} ${ticks(first, width, perColumn)}`);
  for (const unit of units) {
    const cells: string[] = [...background];
    const from = columnOf(dayOf(unit.earliestStart));
    const to = columnOf(Math.max(dayOf(unit.earliestStart), finishDayOf(unit.expectedFinish)));
    const instant = unit.earliestStart === unit.expectedFinish;
    for (let column = from; column <= to; column += 1) cells[column] = instant ? 'o' : '#';
    if (unit.due !== null) {
      // The line after the day it is due by: `####|` is four days of work due at the end of the fourth.
      const due = columnOf(finishDayOf(unit.due) + 1);
      cells[due] = (unit.slackMs ?? 0) < 0 ? '!' : '|';
    }
    lines.push(`${`${unit.critical ? '*' : ' '} ${unit.id}`.padEnd(labelWidth)} ${cells.join('')}`.trimEnd());
  }
  const scale = perColumn === 1 ? 'one column a day' : `one column per ${perColumn} days`;
  lines.push(
    `${''.padEnd(labelWidth)} ${scale}; # expected work, o at once, | due, ! due missed, . day off, * critical path`,
  );
  return lines.join('\n');
}

function formatCosts(plan: ProcessForecast): string {
  const { costs } = plan;
  const rows = Object.entries(costs.byDepartment).map(([department, amount]) => [
    `  ${department}`,
    formatAmount(amount),
  ]);
  rows.push(['  total', formatAmount(costs.total)]);
  if (costs.budget !== null) {
    rows.push(['  budget', formatAmount(costs.budget)]);
    rows.push([costs.overBudget ? '  over budget by' : '  remaining', formatAmount(Math.abs(costs.remaining ?? 0))]);
  }
  return [
    'estimated cost by department:',
    columns(rows, [false, true]),
    ...costs.itemsUnknown.map(({ step, costPerItem }) => {
      const item = itemName(plan.steps.find((planned) => planned.id === step)?.kind ?? 'task');
      return `  + ${formatAmount(costPerItem)} for each ${item} of ${step} after the first: how many there are is ${UNKNOWN}`;
    }),
  ].join('\n');
}

/** What one item of a `forEach` step is: a child instance for a sub-process. */
function itemName(kind: StepKind): string {
  return kind === 'process' ? 'child' : 'item';
}

/** Week ticks: the date (MM-DD) of every seventh column, where it fits. */
function ticks(first: number, width: number, perColumn: number): string {
  const line = Array.from({ length: width }, () => ' ');
  for (let column = 0; column < width; column += 7) {
    const label = formatIsoDate(first + column * perColumn).slice(5);
    if (column + label.length > width) break;
    for (const [offset, char] of [...label].entries()) line[column + offset] = char;
  }
  return line.join('').trimEnd();
}

function isDayOff(day: number, plan: ProcessForecast): boolean {
  return plan.daysOff.includes(formatIsoDate(day));
}

function short(iso: string): string {
  // `2027-03-01T09:00:00+01:00` → `2027-03-01 09:00`.
  return iso.slice(0, 16).replace('T', ' ');
}

function formatAmount(amount: number): string {
  return amount.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

function columns(rows: readonly (readonly string[])[], rightAligned: readonly boolean[] = []): string {
  const widths = rows[0]?.map((_, index) => Math.max(...rows.map((row) => (row[index] ?? '').length))) ?? [];
  return rows
    .map((row) =>
      row
        .map((cell, index) =>
          rightAligned[index] ? cell.padStart(widths[index] ?? 0) : cell.padEnd(widths[index] ?? 0),
        )
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
