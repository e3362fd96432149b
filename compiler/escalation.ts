import { ESCALATION_RECIPIENTS, ESCALATION_TIME_FORMS, parseEscalationTime } from '../plan/escalation';
import type { EscalationRung, JsonValue } from '../plan/types';
import { isJsonObject } from './document';
import { CompileErrorCode, type Finding } from './errors';
import type { Path } from './path';
import { didYouMean } from './suggest';

/** An escalation ladder as written (it passed the language schema). */
export interface EscalationRungFile {
  readonly at: string;
  readonly notify?: readonly string[];
  readonly reassign?: string;
}

/** The rules of a ladder the schema cannot express: its times, and the departments it names. */
export function checkEscalation(ladder: JsonValue | undefined, path: Path, departments: readonly string[]): Finding[] {
  if (!Array.isArray(ladder)) return [];
  return ladder.flatMap((rung, index) => {
    if (!isJsonObject(rung)) return [];
    const rungPath = [...path, index];
    const findings: Finding[] = [];
    if (typeof rung.at === 'string' && parseEscalationTime(rung.at) === undefined) {
      findings.push({
        code: CompileErrorCode.invalidEscalation,
        message: `escalation time "${rung.at}" is neither due nor a duration before or after it`,
        hint: `write e.g. ${ESCALATION_TIME_FORMS.join(', ')}`,
        path: [...rungPath, 'at'],
      });
    }
    if (rung.notify === undefined && rung.reassign === undefined) {
      findings.push({
        code: CompileErrorCode.invalidEscalation,
        message: 'this escalation rung does nothing',
        hint: 'add notify: [department, department-lead, process-owner, ...] or reassign: <backup department>',
        path: rungPath,
      });
    }
    const notify = Array.isArray(rung.notify) ? rung.notify : [];
    notify.forEach((recipient, position) => {
      if (typeof recipient !== 'string' || isRecipient(recipient, departments)) return;
      findings.push({
        code: CompileErrorCode.unknownDepartment,
        message: `"${recipient}" is neither a department nor one of ${RECIPIENT_KEYWORDS.join(', ')}`,
        hint: didYouMean(recipient, [...RECIPIENT_KEYWORDS, ...departments], 'recipients (or role:<name>)'),
        path: [...rungPath, 'notify', position],
      });
    });
    if (typeof rung.reassign === 'string' && !departments.includes(rung.reassign)) {
      findings.push({
        code: CompileErrorCode.unknownDepartment,
        message: `unknown department "${rung.reassign}" to reassign to`,
        hint: didYouMean(rung.reassign, departments, 'known departments'),
        path: [...rungPath, 'reassign'],
      });
    }
    return findings;
  });
}

/**
 * A rung's recipient meaning every department of the registry. Listed at compile time, from the
 * registry the plan carries (`departments`): the same departments a notify step's `all` names.
 */
const ALL_DEPARTMENTS_RECIPIENT = 'all-departments';
const RECIPIENT_KEYWORDS: readonly string[] = [...ESCALATION_RECIPIENTS, ALL_DEPARTMENTS_RECIPIENT];

function isRecipient(recipient: string, departments: readonly string[]): boolean {
  return RECIPIENT_KEYWORDS.includes(recipient) || /^role:.+/.test(recipient) || departments.includes(recipient);
}

/** The ladder of a file that passed every check; `all-departments` becomes each of `departments`. */
export function compileEscalation(
  ladder: readonly EscalationRungFile[],
  departments: readonly string[],
): EscalationRung[] {
  return ladder.map((rung) => {
    const at = parseEscalationTime(rung.at);
    if (at === undefined) throw new Error(`buildPlan: escalation time "${rung.at}" passed the checks`);
    const notify = (rung.notify ?? []).flatMap((recipient) =>
      recipient === ALL_DEPARTMENTS_RECIPIENT ? departments : [recipient],
    );
    return { at, notify: [...new Set(notify)], reassignTo: rung.reassign ?? null };
  });
}
