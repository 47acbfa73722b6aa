import { useEffect, useState } from "react";

/**
 * False on the server and during hydration, true after. Charts measure the
 * browser's layout, so they render only once hydrated: the server's HTML
 * and the first client render then match, with no hydration warning.
 */
export function useHydrated(): boolean {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}
