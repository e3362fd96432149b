import { useCallback, useEffect, useState } from 'react';
import { ApiError, api } from './api';
import { takePrefetched } from './prefetch';

export type Loaded<T> =
  | { readonly state: 'loading' }
  | { readonly state: 'failed'; readonly error: ApiError }
  | { readonly state: 'ready'; readonly data: T };

export interface ApiData<T> {
  readonly result: Loaded<T>;
  /** Reads again, keeping what is shown until the answer arrives. */
  reload(): void;
  /** Replaces what is shown by what a write answered. */
  replace(data: T): void;
}

/** Reads `path` from the API (again when it changes); a previous answer stays shown while a reload is under way. */
export function useApi<T>(path: string): ApiData<T> {
  const [result, setResult] = useState<Loaded<T>>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    void attempt;
    (takePrefetched<T>(path) ?? api<T>('GET', path))
      .then((data) => {
        if (current) setResult({ state: 'ready', data });
      })
      .catch((error: unknown) => {
        if (current) setResult({ state: 'failed', error: asApiError(error) });
      });
    return () => {
      current = false;
    };
  }, [path, attempt]);

  // A new path shows its own loading state, not the previous path's data.
  const [shownPath, setShownPath] = useState(path);
  if (shownPath !== path) {
    setShownPath(path);
    setResult({ state: 'loading' });
  }

  const reload = useCallback(() => setAttempt((count) => count + 1), []);
  const replace = useCallback((data: T) => setResult({ state: 'ready', data }), []);
  return { result, reload, replace };
}

export function asApiError(error: unknown): ApiError {
  return error instanceof ApiError
    ? error
    : new ApiError(0, 'client', error instanceof Error ? error.message : String(error));
}
