/**
 * The security headers of every response. Scripts must carry the request's
 * nonce (no 'unsafe-inline' scripts); nothing may load from another origin
 * (the product runs inside LGWAN); no page may be framed. Inline style
 * attributes stay allowed: the charts position their parts with them.
 */
export function securityHeaders(nonce: string, { https }: { https: boolean }): Record<string, string> {
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
  return {
    "Content-Security-Policy": csp,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    ...(https ? { "Strict-Transport-Security": "max-age=31536000; includeSubDomains" } : {}),
  };
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * True for a state-changing request that another site made the browser
 * send (CSRF), on top of the session cookie's SameSite=Lax: its Origin
 * (scheme, host and port) is not this server's, or the browser says it is
 * cross-site. Requests without either header come from non-browser
 * clients, which carry no cookie for us.
 */
export function isCrossSiteWrite(
  method: string,
  headers: { origin?: string; requestOrigin: string; secFetchSite?: string },
): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return false;
  if (headers.secFetchSite === "cross-site") return true;
  if (!headers.origin) return false;
  if (headers.origin === "null") return true;
  try {
    return new URL(headers.origin).origin !== headers.requestOrigin;
  } catch {
    return true;
  }
}
