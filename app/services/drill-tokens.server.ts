import { createHash, createHmac } from "node:crypto";
import { env } from "~/lib/env.server.ts";

/**
 * A drill link's token, derived from the server's secret and the message's
 * place (campaign, person) instead of drawn at random: a mail the sender
 * has to send again (README "Mail drills": resumed after a crash) carries
 * the very same link, and the database keeps only the token's hash, as
 * before. Knowing the secret already lets one forge a session, so it
 * opens nothing new; changing it gives the links not yet sent new tokens
 * (the sender writes the new hash before sending).
 */
export function linkToken(
  campaignId: number,
  staffId: number,
  secret = env.sessionSecrets[0]!,
): { token: string; hash: string } {
  const key = createHmac("sha256", secret).update("mamori drill link tokens").digest();
  const token = createHmac("sha256", key).update(`${campaignId}.${staffId}`).digest("base64url");
  return { token, hash: hashToken(token) };
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
