import { createHash } from 'node:crypto';

/**
 * A UUID (version 5 layout, SHA-1 based) derived from content, so importing the same line twice
 * gives the same id and adds nothing the second time.
 */
export function stableUuid(content: string): string {
  const bytes = createHash('sha1').update('connect-import\u001f').update(content, 'utf8').digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
