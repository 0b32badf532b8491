// Form drafts kept in the browser until the server has saved them: a lost connection, a closed tab
// or an expired session loses nothing typed. Every change is written to localStorage; `clear` is
// called after a successful save, `discard` when the user throws the draft away.
import { useCallback, useEffect, useState } from 'react';
import { readJson, writeJson } from './storage.ts';

export interface Draft<T> {
  value: T;
  /** Changes the form and writes the draft. */
  set(next: T): void;
  /** Changes the form without writing a draft (a value loaded from the server). */
  load(next: T): void;
  /** Removes the stored draft (after a successful save); the form keeps what it shows. */
  clear(): void;
  /** Removes the stored draft and shows the initial value again. */
  discard(): void;
  /** True when the form was filled from a stored draft (until it is cleared or discarded). */
  restored: boolean;
}

export const draftKey = (key: string) => `bgz.draft.${key}`;

/** `accept` checks a stored draft's shape (one written by an older version of the form is ignored). */
export function useDraft<T>(
  key: string,
  initial: () => T,
  accept: (v: unknown) => boolean = () => true,
): Draft<T> {
  const storageKey = draftKey(key);
  const read = () => {
    const v = readJson<T>(storageKey);
    return v !== null && accept(v) ? v : null;
  };
  const [state, setState] = useState(() => {
    const stored = read();
    return { key: storageKey, value: stored ?? initial(), restored: stored !== null };
  });
  // Another key (another record or period): start again from its own draft.
  // biome-ignore lint/correctness/useExhaustiveDependencies: initial is read only when the key changes
  useEffect(() => {
    if (state.key === storageKey) return;
    const stored = read();
    setState({ key: storageKey, value: stored ?? initial(), restored: stored !== null });
  }, [storageKey]);
  const set = useCallback(
    (next: T) => {
      setState((s) => ({ ...s, value: next }));
      writeJson(storageKey, next);
    },
    [storageKey],
  );
  const load = useCallback((next: T) => setState((s) => ({ ...s, value: next })), []);
  const clear = useCallback(() => {
    writeJson(storageKey, null);
    setState((s) => ({ ...s, restored: false }));
  }, [storageKey]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: initial is the caller's factory
  const discard = useCallback(() => {
    writeJson(storageKey, null);
    setState({ key: storageKey, value: initial(), restored: false });
  }, [storageKey]);
  return { value: state.value, set, load, clear, discard, restored: state.restored };
}
