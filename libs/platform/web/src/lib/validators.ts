import type { AbstractControl } from '@angular/forms';

/** Error key `server`: a message the API returned for this field; cleared on the next edit. */
export const SERVER_ERROR = 'server';

/** The trimmed text of a control ('' for anything else): what field validators check. */
export function controlText(control: AbstractControl): string {
  const v: unknown = control.value;
  return typeof v === 'string' ? v.trim() : '';
}

/** Puts server field messages onto matching controls (keeps the typed values). */
export function applyServerErrors(controls: Record<string, AbstractControl>, errors: Record<string, string>): boolean {
  let any = false;
  for (const [field, message] of Object.entries(errors)) {
    const control = controls[field];
    if (!control) continue;
    control.setErrors({ ...(control.errors ?? {}), [SERVER_ERROR]: message });
    control.markAsDirty();
    control.markAsTouched();
    any = true;
  }
  return any;
}
