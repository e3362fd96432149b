import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataFileReader } from '../../compiler/data-files';
import type { DataFileReader } from '../../compiler/imports';
import { compileErrors, compilePlan, where, yaml } from './support';

/** This file's own data directory, with the data files its scenarios import. */
let directory: string;
let readDataFile: DataFileReader;

beforeAll(() => {
  directory = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-compiler-imports-'));
  const write = (name: string, text: string) => fs.writeFileSync(path.join(directory, name), text);
  write(
    'equipment-catalogue.yaml',
    yaml`
      equipmentByRole:
        developer: [laptop, badge]
        cashier: [badge, uniform]
      prices: { laptop: 900, badge: 5, uniform: 40 }
    `,
  );
  write('suppliers.yaml', 'suppliers: [acme]\nprices: { laptop: 850 }\n');
  write('broken.yaml', 'suppliers: [acme\n');
  write('a-list.yaml', '- laptop\n- badge\n');
  readDataFile = dataFileReader(directory);
});

afterAll(() => {
  fs.rmSync(directory, { recursive: true, force: true });
});

describe('data imports', () => {
  it('adds the tables of each imported file to the process data', () => {
    const plan = compilePlan(
      yaml`
        process: p
        title: P
        owner: hr
        input: { type: object }
        imports: [equipment-catalogue]
        data:
          sites: [LYO-012]
        tasks:
          - id: equipment
            forEach: $lookup(data.equipmentByRole, input.jobRole)
            title: "{{ item }}"
            department: logistics
            due: 1d
            cost: $lookup(data.prices, item)
      `,
      { readDataFile },
    );
    expect(plan.data).toEqual({
      sites: ['LYO-012'],
      equipmentByRole: { developer: ['laptop', 'badge'], cashier: ['badge', 'uniform'] },
      prices: { laptop: 900, badge: 5, uniform: 40 },
    });
  });

  it('reports a data file that does not exist at the import, suggesting the one meant', () => {
    const errors = compileErrors(
      yaml`
        process: p
        title: P
        owner: hr
        input: { type: object }
        imports: [equipment-catalog]
        tasks:
          - { id: a, title: A, department: hr, due: 1d }
      `,
      { readDataFile },
    );
    expect(errors.map(where)).toEqual([{ code: 'unknown-import', line: 5, column: 11, path: '/imports/0' }]);
    expect(errors[0]?.hint).toBe('did you mean "equipment-catalogue"?');
  });

  it('cannot import when the compilation is given no way to read data files', () => {
    const errors = compileErrors(yaml`
      process: p
      title: P
      owner: hr
      input: { type: object }
      imports: [equipment-catalogue]
      tasks:
        - { id: a, title: A, department: hr, due: 1d }
    `);
    expect(errors.map(where)).toEqual([{ code: 'unknown-import', line: 5, column: 11, path: '/imports/0' }]);
  });

  it('reports a syntax error inside a data file at its own file, line and column, with the other errors in order', () => {
    const errors = compileErrors(
      yaml`
        process: p
        title: P
        owner: hrr
        input: { type: object }
        imports: [broken, a-list]
        tasks:
          - { id: a, title: A, department: hrr, due: 1d }
      `,
      { readDataFile },
    );
    expect(errors.map((error) => [error.file, error.line, error.column, error.code])).toEqual([
      ['process.yaml', 3, 8, 'unknown-department'],
      [path.join(directory, 'broken.yaml'), 2, 1, 'yaml-syntax'],
      [path.join(directory, 'a-list.yaml'), 1, 1, 'invalid-data-file'],
      ['process.yaml', 7, 36, 'unknown-department'],
    ]);
  });

  it('wants each table from one place: the process or a single data file', () => {
    const errors = compileErrors(
      yaml`
        process: p
        title: P
        owner: hr
        input: { type: object }
        imports: [equipment-catalogue, suppliers]
        data:
          equipmentByRole: {}
        tasks:
          - { id: a, title: A, department: hr, due: 1d }
      `,
      { readDataFile },
    );
    expect(errors.map(where)).toEqual([
      { code: 'duplicate-data', line: 5, column: 32, path: '/imports/1' },
      { code: 'duplicate-data', line: 7, column: 3, path: '/data/equipmentByRole' },
    ]);
    expect(errors[0]?.message).toBe(
      'data table "prices" is defined by both data files "equipment-catalogue" and "suppliers"',
    );
    expect(errors[1]?.message).toBe(
      'data table "equipmentByRole" is defined here and by the data file "equipment-catalogue"',
    );
  });

  it('refuses a data file named twice, and names that are not plain file names', () => {
    const errors = compileErrors(
      yaml`
        process: p
        title: P
        owner: hr
        input: { type: object }
        imports: [suppliers, suppliers, ../secrets]
        tasks:
          - { id: a, title: A, department: hr, due: 1d }
      `,
      { readDataFile },
    );
    expect(errors.map(where)).toEqual([
      { code: 'schema-unique-items', line: 5, column: 22, path: '/imports/1' },
      { code: 'schema-pattern', line: 5, column: 33, path: '/imports/2' },
    ]);
    expect(readDataFile('../secrets')).toBeUndefined();
  });
});
