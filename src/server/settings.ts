// Settings read from the environment by buildApp, each with a clear error for a value it cannot take
// (the server then refuses to start rather than run with a setting it misread).
import net from 'node:net';

/**
 * TRUST_PROXY: whom to believe about the client's address in X-Forwarded-For. A number is how many
 * proxies stand in front of the server (`1`: the address the nearest proxy saw is the client's; what
 * a client wrote further left is ignored); otherwise a comma-separated list of the proxies' addresses
 * or CIDR ranges (`10.0.0.0/8, 192.168.1.7`; `loopback`, `linklocal`, `uniquelocal` as proxy-addr
 * names them). Unset, empty or `0`: no proxy, the socket's address counts. `true` (trust every hop)
 * is refused: a client could then choose its own address and escape the per-address sign-in limit.
 */
export function parseTrustProxy(value: string | undefined): number | string | false {
  const v = (value ?? '').trim();
  if (v === '' || v === '0' || v.toLowerCase() === 'false') return false;
  if (/^\d+$/.test(v)) return Number(v);
  if (v.toLowerCase() === 'true' || v === '*')
    throw new Error(
      `TRUST_PROXY=${v} would trust every hop of X-Forwarded-For (any client could choose its address): give the number of proxies in front of the server (e.g. 1) or their addresses`,
    );
  const entries = v.split(',').map((e) => e.trim());
  for (const e of entries) {
    if (!isAddressOrRange(e))
      throw new Error(
        `TRUST_PROXY: "${e}" is neither a number of proxies nor an address or CIDR range (e.g. 1, or 10.0.0.0/8,192.168.1.7)`,
      );
  }
  return entries.join(',');
}

function isAddressOrRange(entry: string): boolean {
  if (['loopback', 'linklocal', 'uniquelocal'].includes(entry)) return true;
  const [ip = '', bits, ...rest] = entry.split('/');
  const family = net.isIP(ip);
  if (family === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  return /^\d+$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
}

/** API_DOCS=on|off: the interactive API documentation at /api/docs; on by default outside production. */
export function parseApiDocs(value: string | undefined, nodeEnv = process.env.NODE_ENV): boolean {
  const v = (value ?? '').trim().toLowerCase();
  if (v === '') return nodeEnv !== 'production';
  if (['on', 'true', '1', 'yes'].includes(v)) return true;
  if (['off', 'false', '0', 'no'].includes(v)) return false;
  throw new Error(`API_DOCS=${value}: use on or off`);
}

export { parsePublicUrl } from '../lib/public-url.ts';
