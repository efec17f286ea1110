import { createHash } from 'node:crypto';

/** Sixteen bytes as a UUID of the given version (RFC 9562 layout: version and variant bits set). */
export function formatUuid(bytes: Uint8Array, version: 4 | 5): string {
  const b = Buffer.from(bytes.subarray(0, 16));
  b[6] = (b[6] & 0x0f) | (version << 4);
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = b.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * A UUID (version 5 layout, SHA-1 based) derived from content, so importing the same line twice
 * gives the same id and adds nothing the second time.
 */
export function stableUuid(content: string): string {
  return formatUuid(createHash('sha1').update('connect-import\u001f').update(content, 'utf8').digest(), 5);
}
