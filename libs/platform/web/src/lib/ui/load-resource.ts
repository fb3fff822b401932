import {
  computed,
  inject,
  linkedSignal,
  resource,
  type ResourceSnapshot,
  type Signal,
  type WritableSignal,
} from '@angular/core';
import { HttpErrorResponse } from '@angular/common/http';
import { errorMessage } from '../api-error';
import { I18nService } from '../i18n.service';

/** What a page reads of a load: the last value, whether it loads, why it failed (translated). */
export interface Loaded<T> {
  /** The last value the loader answered; kept while the next one loads, cleared by a failure. */
  readonly value: Signal<T | undefined>;
  readonly loading: Signal<boolean>;
  /** The loader's error (the HttpErrorResponse as thrown), or null. */
  readonly error: Signal<unknown>;
  /** The error as the user reads it (`errorMessage()` in the current language), or null. */
  readonly errorMessage: Signal<string | null>;
  /** Loads again with the same params (after a change the page made). */
  reload(): void;
  /** Replaces the value locally (an answer the page already has, e.g. after a save). */
  set(value: T): void;
}

export interface LoadOptions<P, T> {
  /** The params signal: a change loads again; `undefined` waits (idle). Without it the loader runs once. */
  params?: () => P | undefined;
  /** Returns the value for the params. An answer to params that are no longer current is ignored. */
  loader: (params: P, abortSignal: AbortSignal) => Promise<T>;
}

/** The error the loader threw (Angular wraps what is not Error-like). */
function unwrap(err: unknown): unknown {
  if (!(err instanceof HttpErrorResponse) && err instanceof Error && err.cause !== undefined) return err.cause;
  return err;
}

/**
 * A page load on Angular's `resource()`: params → loader. Only the answer to the current params is kept
 * (a slower, older answer never overwrites a newer one), the last value stays shown while the next loads,
 * and the error comes translated. Call it in an injection context (a field initialiser).
 */
export function loadResource<P, T>(options: LoadOptions<P, T>): Loaded<T> {
  const t = inject(I18nService).t;
  const params = options.params ?? (() => true as unknown as P);
  const ref = resource<T, P | undefined>({
    params: () => params(),
    loader: ({ params: p, abortSignal }) => options.loader(p as P, abortSignal),
  });
  const value: WritableSignal<T | undefined> = linkedSignal<ResourceSnapshot<T | undefined>, T | undefined>({
    source: ref.snapshot,
    computation: (snap: ResourceSnapshot<T | undefined>, previous?: { source: unknown; value: T | undefined }) => {
      if (snap.status === 'resolved' || snap.status === 'local') return snap.value;
      if (snap.status === 'error' || snap.status === 'idle') return undefined;
      return previous?.value; // loading / reloading: keep what is shown
    },
  });
  const error = computed(() => (ref.status() === 'error' ? (unwrap(ref.error()) ?? null) : null));
  return {
    value: value.asReadonly(),
    loading: ref.isLoading,
    error,
    errorMessage: computed(() => {
      const e = error();
      return e === null ? null : errorMessage(e, t);
    }),
    reload: () => void ref.reload(),
    set: (v: T) => ref.set(v),
  };
}
