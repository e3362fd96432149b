import { readDepartmentRegistry } from '../../engine/department-registry';
import { ValidationError } from '../../errors';
import { describeFsError } from './files';
import { UsageError } from './usage-error';

const REGISTRY_HINT =
  'a registry reads `departments: [{id: hr, name: Human resources}, ...]`; pass another with --departments <file>';

/** The department ids of a registry file (`definitions/departments.yaml`), for validating offline. */
export function readDepartmentIds(file: string): string[] {
  try {
    return readDepartmentRegistry(file).map((department) => department.id);
  } catch (error) {
    // Its message names the file and each offending field.
    if (error instanceof ValidationError) throw new UsageError(error.message, REGISTRY_HINT);
    if (error instanceof Error && error.name === 'YAMLParseError') {
      const reason = error.message.split('\n')[0] ?? error.message;
      throw new UsageError(`the department registry ${file} is not valid YAML: ${reason}`, REGISTRY_HINT);
    }
    throw new UsageError(`cannot read the department registry ${file}: ${describeFsError(error)}`, REGISTRY_HINT);
  }
}
