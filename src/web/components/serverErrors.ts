import type { FormInstance } from 'antd';
import type { NamePath } from 'antd/es/form/interface';
import { isApiError } from '../api/client';

/** "roles.0.scopeId" / "roles[0].scopeId" / "/roles/0/scopeId" → ['roles', 0, 'scopeId']. */
export function fieldPath(key: string): (string | number)[] {
  return key
    .replace(/\[(\d+)\]/g, '.$1')
    .split(/[./]/)
    .filter(Boolean)
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/**
 * Puts the server's `fields` errors on the matching form fields (`knownFields` are the top-level
 * field names of the form). Returns the messages that did not
 * belong to any field of the form (to be shown above the form), or the error's message when it had
 * no field errors at all.
 */
export function applyServerErrors(
  form: FormInstance,
  error: unknown,
  knownFields: readonly string[],
  fallbackField?: { code: string; field: NamePath },
): string[] {
  if (!isApiError(error)) return [error instanceof Error ? error.message : String(error)];
  if (!error.fields) {
    if (fallbackField && error.code === fallbackField.code) {
      form.setFields([{ name: fallbackField.field, errors: [error.message] }]);
      return [];
    }
    return [error.message];
  }
  const unmatched: string[] = [];
  const fieldErrors: { name: (string | number)[]; errors: string[] }[] = [];
  for (const [key, message] of Object.entries(error.fields)) {
    const path = fieldPath(key);
    const top = path[0];
    const known = typeof top === 'string' && knownFields.includes(top);
    // Nested paths (e.g. a role row) only when that field is actually rendered in the form.
    if (known && (path.length === 1 || form.getFieldInstance(path) !== undefined)) {
      fieldErrors.push({ name: path, errors: [message] });
    } else {
      unmatched.push(message);
    }
  }
  form.setFields(fieldErrors);
  return unmatched;
}
