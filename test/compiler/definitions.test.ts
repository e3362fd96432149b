import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { deployYears, readCalendarFolder } from '../../calendars/calendar-folder';
import { compileProcess } from '../../compiler';
import { dataFileReader } from '../../compiler/data-files';
import { isRecord } from '../../compiler/narrow';
import { formatCompileError } from '../../errors';
import type { CompiledProcess, JsonObject, JsonValue } from '../../plan/types';
import { validateAgainst } from '../../validation/field-errors';

const DEFINITIONS = path.resolve(__dirname, '../../definitions');
const REGISTRY = 'departments.yaml';

const processFiles = fs.existsSync(DEFINITIONS)
  ? fs
      .readdirSync(DEFINITIONS)
      .filter((name) => name.endsWith('.yaml') && name !== REGISTRY)
      .sort()
  : [];

/** Ids from `departments: [{ id, name }]`, as the engine reads them. */
function departmentIds(): string[] {
  const registry: unknown = parse(fs.readFileSync(path.join(DEFINITIONS, REGISTRY), 'utf8'));
  const departments: unknown[] = isRecord(registry) && Array.isArray(registry.departments) ? registry.departments : [];
  return departments.flatMap((department) =>
    isRecord(department) && typeof department.id === 'string' ? [department.id] : [],
  );
}

/** The shipped calendars, compiled as a deploy compiles them (`calendar: fr-business`). */
const calendars = readCalendarFolder(path.join(DEFINITIONS, 'calendars'), deployYears(new Date())).calendars;

const SCHEMA_LINE = '# yaml-language-server: $schema=../language/process.schema.json';

/** The shipped processes compiled as the engine deploys them (imports read from definitions/data), by key. */
function compiledProcesses(): Map<string, CompiledProcess> {
  const readDataFile = dataFileReader(path.join(DEFINITIONS, 'data'));
  const plans = new Map<string, CompiledProcess>();
  for (const name of processFiles) {
    const result = compileProcess(fs.readFileSync(path.join(DEFINITIONS, name), 'utf8'), {
      file: `definitions/${name}`,
      departments: departmentIds(),
      readDataFile,
      calendars,
    });
    if (result.ok) plans.set(result.plan.key, result.plan);
  }
  return plans;
}

function table(value: JsonValue | undefined): JsonObject {
  return isRecord(value) ? (value as JsonObject) : {};
}

function enumOf(schema: JsonValue | undefined): JsonValue[] {
  const values = table(schema).enum;
  return Array.isArray(values) ? values : [];
}

describe('the shipped definitions', () => {
  // Skipped, not passed, while definitions/ holds no process yet.
  it.skipIf(processFiles.length === 0)(`compile without errors (${processFiles.join(', ')})`, () => {
    const departments = departmentIds();
    // As the engine deploys them: imports read from definitions/data.
    const readDataFile = dataFileReader(path.join(DEFINITIONS, 'data'));
    const errors = processFiles.flatMap((name) => {
      const result = compileProcess(fs.readFileSync(path.join(DEFINITIONS, name), 'utf8'), {
        file: `definitions/${name}`,
        departments,
        readDataFile,
        calendars,
      });
      return result.ok ? [] : result.errors.map(formatCompileError);
    });
    expect(errors).toEqual([]);
  });

  it('start with the editor schema line', () => {
    for (const name of processFiles) {
      expect(fs.readFileSync(path.join(DEFINITIONS, name), 'utf8').split('\n')[0], name).toBe(SCHEMA_LINE);
    }
  });

  it('each ship an example start input that their start form accepts', () => {
    for (const [key, plan] of compiledProcesses()) {
      const example = JSON.parse(fs.readFileSync(path.join(DEFINITIONS, 'examples', `${key}.json`), 'utf8'));
      expect(validateAgainst(plan.input, example), `examples/${key}.json`).toEqual([]);
    }
  });

  it('start only sub-processes that are shipped too', () => {
    const plans = compiledProcesses();
    expect(plans.size).toBe(processFiles.length);
    for (const plan of plans.values()) {
      for (const step of plan.steps) {
        if (step.kind === 'process') expect([...plans.keys()], `${plan.key}: ${step.id}`).toContain(step.process);
      }
    }
  });

  it('keep the equipment catalogue, the onboarding roles and the hires of a site opening in step', () => {
    const plans = compiledProcesses();
    const onboarding = plans.get('employee-onboarding');
    const catalogue = table(onboarding?.data.equipment);
    const roles = table(onboarding?.data.roles);
    const departments = departmentIds();
    expect(enumOf(table(onboarding?.input.properties).jobRole).sort()).toEqual(Object.keys(roles).sort());
    for (const [role, entry] of Object.entries(roles)) {
      const { equipment, approver } = table(entry);
      for (const item of Array.isArray(equipment) ? equipment : []) {
        expect(Object.keys(catalogue), `roles.${role}.equipment`).toContain(item);
      }
      if (approver !== undefined) expect(departments, `roles.${role}.approver`).toContain(approver);
    }
    for (const [item, entry] of Object.entries(catalogue)) {
      expect(departments, `equipment.${item}.department`).toContain(table(entry).department);
    }
    for (const [siteType, issuer] of Object.entries(table(onboarding?.data.badgeIssuers))) {
      expect(departments, `badgeIssuers.${siteType}`).toContain(issuer);
    }

    // A hire listed by the site opening must be a valid onboarding role.
    const hireStaff = plans.get('site-opening')?.steps.find((step) => step.id === 'hire-staff');
    const hireForm = hireStaff?.kind === 'task' ? hireStaff.form : null;
    const hireRoles = enumOf(table(table(table(table(hireForm?.properties).hires).items).properties).jobRole);
    expect(hireRoles.length).toBeGreaterThan(0);
    for (const role of hireRoles) expect(Object.keys(roles)).toContain(role);
  });

  it('route service-desk requests only to registered departments, and let every department raise one', () => {
    const serviceDesk = compiledProcesses().get('service-desk-request');
    const departments = departmentIds();
    for (const [category, entry] of Object.entries(table(serviceDesk?.data.categories))) {
      expect(departments, `categories.${category}.secondLevel`).toContain(table(entry).secondLevel);
    }
    const requesterDepartments = enumOf(table(serviceDesk?.input.properties).requesterDepartment);
    expect(requesterDepartments.sort()).toEqual([...departments].sort());
  });

  it('give each item of the biomedical catalogue a registered department and a price', () => {
    const clinic = compiledProcesses().get('clinic-opening');
    const catalogue = clinic?.data.biomedicalEquipment;
    const items = Array.isArray(catalogue) ? catalogue.map(table) : [];
    expect(items.length).toBeGreaterThan(0);
    const departments = departmentIds();
    for (const item of items) {
      expect(departments, `biomedicalEquipment.${item.id}.department`).toContain(item.department);
      expect(typeof item.price === 'number' && item.price > 0, `biomedicalEquipment.${item.id}.price`).toBe(true);
    }
  });
});
