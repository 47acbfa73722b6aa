import { createContext, useContext } from "react";

/**
 * The per-request nonce that the Content-Security-Policy allows scripts to
 * carry. Set on the server only; in the browser it is empty, and React does
 * not compare it when hydrating.
 */
const NonceContext = createContext("");

export const NonceProvider = NonceContext.Provider;

export function useNonce(): string {
  return useContext(NonceContext);
}
