import { useEffect, useRef, useState } from 'react';
import { LeapApiError } from '../api';

/**
 * Load `run()` whenever `key` changes; an answer that arrives after a newer
 * request started is dropped. `reload()` asks again (Try again buttons).
 */
export function useRequest<T>(run: () => Promise<T>, key: string): {
  value: T | null;
  error: LeapApiError | null;
  reload: () => void;
} {
  const [value, setValue] = useState<T | null>(null);
  const [error, setError] = useState<LeapApiError | null>(null);
  const [attempt, setAttempt] = useState(0);
  const ticket = useRef(0);
  useEffect(() => {
    const mine = ++ticket.current;
    setError(null);
    setValue(null);
    run().then(
      v => mine === ticket.current && setValue(v),
      reason => mine === ticket.current && setError(reason instanceof LeapApiError ? reason : LeapApiError.unavailable(reason))
    );
    return () => {
      ticket.current++;
    };
  }, [key, attempt]);
  return { value, error, reload: () => setAttempt(a => a + 1) };
}
