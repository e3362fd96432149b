import type { SearchAttributeType } from '@temporalio/common';
import { temporal } from '@temporalio/proto';

export interface SearchAttributeDeclaration {
  readonly name: string;
  readonly type: SearchAttributeType;
}

/** Registers the search attributes Baton sets on its workflows, if the namespace lacks them (over any Temporal connection). */
export async function ensureSearchAttributes(
  connection: { readonly operatorService: temporal.api.operatorservice.v1.OperatorService },
  namespace: string,
  declarations: readonly SearchAttributeDeclaration[],
): Promise<void> {
  const existing = await connection.operatorService.listSearchAttributes({ namespace });
  const missing = declarations.filter((declaration) => !(declaration.name in (existing.customAttributes ?? {})));
  if (missing.length === 0) return;
  await connection.operatorService.addSearchAttributes({
    namespace,
    searchAttributes: Object.fromEntries(
      missing.map((declaration) => [
        declaration.name,
        temporal.api.enums.v1.IndexedValueType[`INDEXED_VALUE_TYPE_${declaration.type}`],
      ]),
    ),
  });
}
