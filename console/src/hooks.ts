import { useCallback, useEffect, useRef, useState } from 'react';
import { problem } from './api';

/** Loads once per change of `deps`; `reload` loads again (after an action), `refresh` too but can be awaited. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]) {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<string>();
  const [loading, setLoading] = useState(true);
  const [round, setRound] = useState(0);
  useEffect(() => {
    let live = true;
    setLoading(true);
    load()
      .then((d) => live && (setData(d), setError(undefined)))
      .catch((e) => live && setError(problem(e)))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
    // The caller's deps, spread: the effect reruns when any of them changes.
  }, [...deps, round]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  const latest = useRef(load);
  latest.current = load;
  /** Loads again and resolves once the new data is shown: say "done" only after the screen shows it. */
  const refresh = useCallback(async () => {
    try {
      setData(await latest.current());
      setError(undefined);
    } catch (e) {
      setError(problem(e));
    }
  }, []);
  return { data, error, loading, reload, refresh };
}

/** The part of the address after #, e.g. "/leads/abc". */
export function useRoute(): string {
  const [route, setRoute] = useState(() => location.hash.slice(1) || '/');
  useEffect(() => {
    const on = () => setRoute(location.hash.slice(1) || '/');
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return route;
}

export const go = (route: string) => {
  location.hash = route;
};

let notice: string | undefined;
/** Moves to another screen with a message for it to show once (e.g. what a registration did). */
export const goWithNotice = (route: string, message: string) => {
  notice = message;
  go(route);
};
/** The message the previous screen left for this one, if any; read once. */
export const takeNotice = (): string | undefined => {
  const n = notice;
  notice = undefined;
  return n;
};
