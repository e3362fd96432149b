// The Form alone: the package's index also exports a test registry that imports @rjsf/validator-ajv8.
import Form from '@rjsf/core/lib/components/Form.js';
import {
  type ErrorSchema,
  englishStringTranslator,
  type RJSFSchema,
  TranslatableString,
  type UiSchema,
} from '@rjsf/utils';
import { type ReactNode, useEffect, useMemo, useRef } from 'react';
import type { ApiError } from '../api';
import { type I18n, useI18n } from '../i18n/i18n';
import type { FieldError, JsonSchema } from '../types';
import { validator } from './validator';

type FormData = Record<string, unknown>;

export interface SchemaFormProps {
  /** The JSON Schema the API sent (an item's start form, a task's form). */
  readonly schema: JsonSchema;
  readonly formData: FormData;
  onChange(formData: FormData): void;
  onSubmit(formData: FormData): void;
  /** What the API refused (422), as JSON Pointers into the form data: shown on their fields. */
  readonly errors: readonly FieldError[];
  /** Prefix of the fields' ids: unique on the page. */
  readonly idPrefix: string;
  readonly disabled?: boolean;
  /** The submit button, and fields that are not the form's own (inside the same <form>). */
  readonly children: ReactNode;
}

/**
 * A form rendered from JSON Schema by rjsf. The API is the one judge of what is submitted: the
 * form does not validate before sending (`noValidate`), so people read the API's own message
 * on the field it names, the same one a program reads.
 */
export default function SchemaForm(props: SchemaFormProps) {
  const i18n = useI18n();
  const schema = props.schema as RJSFSchema;
  const uiSchema = useMemo(() => uiSchemaFor(schema), [schema]);
  const extraErrors = useMemo(() => errorSchemaOf(props.errors, schema), [props.errors, schema]);
  const formRef = useRef<HTMLDivElement>(null);

  // After a refusal, the first field in error on the page takes the focus (its message is announced with it).
  useEffect(() => {
    const ids = new Set(
      props.errors
        .filter((error) => isFieldOf(error.field, schema))
        .map((error) => [props.idPrefix, ...segmentsOf(error.field)].join('_')),
    );
    if (ids.size === 0) return;
    const fields = formRef.current?.querySelectorAll<HTMLElement>('input, select, textarea') ?? [];
    [...fields].find((field) => ids.has(field.id))?.focus();
  }, [props.errors, props.idPrefix, schema]);

  return (
    <div ref={formRef} className="schema-form">
      <Form<FormData>
        schema={schema}
        uiSchema={uiSchema}
        formData={props.formData}
        validator={validator}
        idPrefix={props.idPrefix}
        noValidate
        noHtml5Validate
        showErrorList={false}
        extraErrors={extraErrors}
        disabled={props.disabled}
        translateString={(text, params) => translateRjsf(i18n, text, params)}
        onChange={(event) => props.onChange(event.formData ?? {})}
        onSubmit={(event) => props.onSubmit(event.formData ?? {})}
      >
        {props.children}
      </Form>
    </div>
  );
}

/** The refused fields that are not in the form (filled in by the API from who asks, say): shown above it. */
export function errorsOutsideForm(errors: readonly FieldError[], schema: JsonSchema): FieldError[] {
  return errors.filter((error) => !isFieldOf(error.field, schema as RJSFSchema));
}

/**
 * Why the API refused a form: `refused` for a 422 (its field errors are on the fields, those of
 * no field listed here), what went wrong otherwise.
 */
export function FormRefusal({
  error,
  refused,
  outside,
}: {
  readonly error: ApiError;
  readonly refused: string;
  readonly outside: readonly FieldError[];
}) {
  const { t } = useI18n();
  return (
    <div className="notice notice-error" role="alert">
      <p>{error.status === 422 ? refused : t('app.error', { detail: error.detail })}</p>
      {outside.length > 0 ? (
        <ul>
          {outside.map((entry) => (
            <li key={`${entry.field} ${entry.message}`}>
              <code>{entry.field || '/'}</code> {entry.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function segmentsOf(pointer: string): string[] {
  return pointer
    .split('/')
    .slice(1)
    .map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'));
}

function isFieldOf(pointer: string, schema: RJSFSchema): boolean {
  const [first] = segmentsOf(pointer);
  const properties = schema.properties;
  return first !== undefined && properties !== undefined && first in properties;
}

/** `[{field: '/summary', message}]` as rjsf's error tree: `{summary: {__errors: [message]}}`. */
function errorSchemaOf(errors: readonly FieldError[], schema: RJSFSchema): ErrorSchema<FormData> | undefined {
  const tree: Record<string, unknown> = {};
  for (const error of errors) {
    if (!isFieldOf(error.field, schema)) continue;
    let node = tree;
    for (const segment of segmentsOf(error.field)) {
      node[segment] ??= {};
      node = node[segment] as Record<string, unknown>;
    }
    node.__errors = [...((node.__errors as string[] | undefined) ?? []), error.message];
  }
  return Object.keys(tree).length === 0 ? undefined : (tree as ErrorSchema<FormData>);
}

/**
 * Required fields first, in the order `required` lists them (the API keeps forms in Postgres
 * jsonb, which does not keep the order of an object's keys); long free text (no bound, or over
 * 200 characters, and no format or pattern) in a text area.
 */
function uiSchemaFor(schema: RJSFSchema): UiSchema<FormData> {
  const properties = schema.properties ?? {};
  const required = (schema.required ?? []).filter((name) => name in properties);
  const ui: Record<string, unknown> = { 'ui:order': [...new Set(required), '*'] };
  for (const [name, property] of Object.entries(properties)) {
    if (typeof property !== 'object' || property === null) continue;
    const isText =
      property.type === 'string' &&
      property.enum === undefined &&
      property.format === undefined &&
      property.pattern === undefined &&
      (property.maxLength === undefined || property.maxLength > 200);
    if (isText) ui[name] = { 'ui:widget': 'textarea', 'ui:options': { rows: 4 } };
  }
  return ui as UiSchema<FormData>;
}

const RJSF_MESSAGES: Partial<Record<TranslatableString, Parameters<I18n['t']>[0]>> = {
  [TranslatableString.YesLabel]: 'form.yes',
  [TranslatableString.NoLabel]: 'form.no',
  [TranslatableString.AddButton]: 'form.add',
  [TranslatableString.AddItemButton]: 'form.add',
  [TranslatableString.RemoveButton]: 'form.remove',
  [TranslatableString.MoveUpButton]: 'form.moveUp',
  [TranslatableString.MoveDownButton]: 'form.moveDown',
  [TranslatableString.ErrorsLabel]: 'form.errors',
};

function translateRjsf(i18n: I18n, text: TranslatableString, params?: string[]): string {
  const key = RJSF_MESSAGES[text];
  return key ? i18n.t(key) : englishStringTranslator(text, params);
}
