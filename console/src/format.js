import { formatUnits, parseUnits } from 'viem';

// Amounts are integers (wei, BigInt) everywhere; these only render or parse decimal text, never through a float.
export const wei = (v) => BigInt(v ?? 0);
export const units = (v, decimals = 18) => formatUnits(wei(v), decimals);
export const parseAmount = (text, decimals = 18) => parseUnits(String(text).trim(), decimals);
export const short = (hex) => (hex && hex.length > 14 ? hex.slice(0, 8) + '…' + hex.slice(-4) : hex ?? '');
export const when = (seconds) => (seconds ? new Date(Number(seconds) * 1000).toISOString().replace('.000Z', 'Z') : '');

/** floor(sqrt(n)) of a BigInt: the governor's square-root voting power (SqrtVotes), by Newton's method. */
export function isqrt(n) {
  n = wei(n);
  if (n < 0n) throw new Error('negative');
  if (n < 2n) return n;
  let x = n;
  let y = (x + 1n) / 2n;
  while (y < x) {
    x = y;
    y = (x + n / x) / 2n;
  }
  return x;
}

export const ROLES = ['compute (OCTO-A)', 'storage (OCTO-S)', 'bandwidth (OCTO-B)', 'orchestration (OCTO-O)',
  'wholesale (OCTO-W)', 'developers (OCTO-D)', 'marketing (OCTO-M)', 'node operators (OCTO-N)'];
