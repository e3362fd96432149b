import type { CatalogueEntry, JsonObject, JsonValue, MailIntake } from '../plan/types';
import type { ProcessFile } from './document';
import { isJsonObject } from './document';
import { CompileErrorCode, type Finding } from './errors';
import { ALREADY_CHECKED } from './expression';
import type { Path } from './path';
import { didYouMean } from './suggest';
import { parseTemplate } from './template';

/**
 * What a catalogue entry and a mail intake name must exist: the departments of the audience, and
 * the start form fields they fill; an intake offers a process of the catalogue only.
 */
export function checkCatalogue(
  catalogue: JsonValue | undefined,
  intake: JsonValue | undefined,
  input: JsonObject | undefined,
  departments: readonly string[],
): Finding[] {
  const fields = isJsonObject(input) && isJsonObject(input.properties) ? Object.keys(input.properties) : [];
  const findings: Finding[] = [];
  const field = (name: JsonValue | undefined, path: Path) => {
    if (typeof name !== 'string' || fields.includes(name)) return;
    findings.push({
      code: CompileErrorCode.unknownField,
      message: `the start form has no field "${name}"`,
      hint: didYouMean(name, fields, 'its fields'),
      path,
    });
  };
  if (isJsonObject(catalogue)) {
    const audience = catalogue.audience;
    if (isJsonObject(audience) && Array.isArray(audience.departments)) {
      audience.departments.forEach((department, index) => {
        if (typeof department !== 'string' || departments.includes(department)) return;
        findings.push({
          code: CompileErrorCode.unknownDepartment,
          message: `unknown department "${department}"`,
          hint: didYouMean(department, departments, 'known departments'),
          path: ['catalogue', 'audience', 'departments', index],
        });
      });
    }
    if (isJsonObject(catalogue.fromRequester)) {
      for (const name of Object.keys(catalogue.fromRequester)) field(name, ['catalogue', 'fromRequester', name]);
    }
  }
  if (isJsonObject(intake)) {
    if (catalogue === undefined) {
      findings.push({
        code: CompileErrorCode.intakeWithoutCatalogue,
        message: 'a mail intake starts requests, and only a process of the catalogue has requesters',
        hint: 'add catalogue: { category, summary, audience }',
        path: ['intake'],
      });
    }
    field(intake.subject, ['intake', 'subject']);
    field(intake.body, ['intake', 'body']);
    if (isJsonObject(intake.defaults)) {
      for (const name of Object.keys(intake.defaults)) field(name, ['intake', 'defaults', name]);
    }
  }
  return findings;
}

export function compileCatalogue(file: ProcessFile): { catalogue?: CatalogueEntry; intake?: MailIntake } {
  const { catalogue, intake } = file;
  return {
    ...(catalogue === undefined
      ? {}
      : {
          catalogue: {
            category: catalogue.category,
            summary: catalogue.summary,
            audience:
              catalogue.audience === 'everyone'
                ? 'everyone'
                : { roles: catalogue.audience.roles ?? [], departments: catalogue.audience.departments ?? [] },
            requestSubject:
              catalogue.requestSubject === undefined
                ? null
                : parseTemplate(catalogue.requestSubject, ALREADY_CHECKED).template,
            fromRequester: { ...catalogue.fromRequester },
          },
        }),
    ...(intake === undefined
      ? {}
      : {
          intake: {
            email: intake.email.toLowerCase(),
            subject: intake.subject,
            body: intake.body ?? null,
            defaults: intake.defaults ?? {},
          },
        }),
  };
}
