import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * [003 §四] requests from the other League systems: HMAC-SHA256 over
 * `{system}.{timestamp}.{raw body}` with that system's secret, hex, in `x-tj-signature`;
 * the timestamp (ms) bounds a replay to a few minutes.
 */
export const INBOUND_MAX_SKEW_MS = 5 * 60 * 1000;

export function inboundSignature(secret: string, system: string, timestamp: string, rawBody: string): string {
  return createHmac('sha256', secret).update(`${system}.${timestamp}.${rawBody}`).digest('hex');
}

export function signInbound(secret: string, system: string, rawBody: string, now: Date): Record<string, string> {
  const timestamp = String(now.getTime());
  return { 'x-tj-system': system, 'x-tj-timestamp': timestamp, 'x-tj-signature': inboundSignature(secret, system, timestamp, rawBody) };
}

/** True when the signature is the system's and the timestamp is recent. */
export function verifyInbound(secret: string | undefined, system: string, timestamp: string, signature: string, rawBody: string, now: Date): boolean {
  if (!secret || !/^\d{10,16}$/.test(timestamp) || !/^[0-9a-f]{64}$/.test(signature)) return false;
  if (Math.abs(now.getTime() - Number(timestamp)) > INBOUND_MAX_SKEW_MS) return false;
  const expected = Buffer.from(inboundSignature(secret, system, timestamp, rawBody), 'hex');
  return timingSafeEqual(expected, Buffer.from(signature, 'hex'));
}
