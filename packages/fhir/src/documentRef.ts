import { MAX_REF_LENGTH } from './prepare';
import { isObject } from './shape';

/**
 * The caller's own name for a screening document, so that batch results can be matched to inputs
 * other than by order: its `ref`, or else the `id` of the Bundle's Patient. Nothing when neither is
 * a usable string (the document's errors are reported elsewhere). Never throws.
 */
export function documentRef(raw: unknown): string | undefined {
  if (!isObject(raw)) return undefined;
  if (raw.ref !== undefined) return usable(raw.ref);
  const bundle = raw.bundle;
  if (!isObject(bundle) || !Array.isArray(bundle.entry)) return undefined;
  for (const entry of bundle.entry) {
    const resource = isObject(entry) ? entry.resource : undefined;
    if (isObject(resource) && resource.resourceType === 'Patient') return usable(resource.id);
  }
  return undefined;
}

function usable(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_REF_LENGTH ? value : undefined;
}
