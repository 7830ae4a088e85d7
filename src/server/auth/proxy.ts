// AUTH_MODE=proxy: the identity comes from an authenticating reverse proxy (oauth2-proxy, an
// ingress with external auth, ...) in request headers, believed only when the TCP peer is one of
// AUTH_PROXY_TRUSTED. From anyone else the same headers are ignored.
import { BlockList, isIP } from 'node:net';
import type { FastifyRequest } from 'fastify';
import type { Clock } from '../../dcs/clock';
import { stripInvisible } from '../../api/text';
import type { ProxyAuthConfig, RoleMapping } from '../config/parse';
import type { Principal } from './principal';
import { rolesForGroups } from './roles';

/** Parses AUTH_PROXY_TRUSTED entries (IPs or CIDRs); throws an Error naming the bad entry. */
export function trustedAddressList(entries: string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address, prefix, ...rest] = entry.split('/');
    const family = isIP(address ?? '');
    if (!address || family === 0 || rest.length > 0) throw new Error(`"${entry}" is not an IP address or CIDR`);
    const type = family === 6 ? 'ipv6' : 'ipv4';
    if (prefix === undefined) {
      list.addAddress(address, type);
      continue;
    }
    const bits = /^\d{1,3}$/.test(prefix) ? Number(prefix) : NaN;
    if (!(bits >= 1 && bits <= (family === 6 ? 128 : 32))) {
      throw new Error(`"${entry}" has an invalid prefix length (1 to ${family === 6 ? 128 : 32}; /0 would trust every address)`);
    }
    list.addSubnet(address, bits, type);
  }
  return list;
}

/** Whether the TCP peer (not X-Forwarded-For) is a trusted proxy. */
export function isTrustedPeer(list: BlockList, remoteAddress: string | undefined): boolean {
  if (!remoteAddress) return false;
  const address = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(remoteAddress)?.[1] ?? remoteAddress;
  const family = isIP(address);
  if (family === 0) return false;
  return list.check(address, family === 6 ? 'ipv6' : 'ipv4');
}

const USER_VALUE = /^[^\p{Cc}]{1,256}$/u;

export type ProxyIdentity =
  | { kind: 'signed-in'; principal: Principal }
  | { kind: 'anonymous' }
  /** Identity headers from an address that is not a trusted proxy: ignored, worth a warning. */
  | { kind: 'untrusted'; remoteAddress: string };

export function proxyIdentity(request: FastifyRequest, config: ProxyAuthConfig, trusted: BlockList, roles: RoleMapping): ProxyIdentity {
  const userHeader = request.headers[config.userHeader];
  const groupsHeader = request.headers[config.groupsHeader];
  const remoteAddress = request.socket.remoteAddress ?? '';
  if (!isTrustedPeer(trusted, remoteAddress)) {
    return userHeader === undefined && groupsHeader === undefined ? { kind: 'anonymous' } : { kind: 'untrusted', remoteAddress };
  }
  // A header sent twice (Node joins the copies) means a client's copy got through next to the
  // proxy's: believe neither.
  if (typeof userHeader !== 'string' || (groupsHeader !== undefined && typeof groupsHeader !== 'string')) return { kind: 'anonymous' };
  if (occurrences(request, config.userHeader) > 1 || occurrences(request, config.groupsHeader) > 1) return { kind: 'anonymous' };
  // Shown and recorded: invisible and control characters are stripped, not refused (the proxy vouches for the user).
  const name = stripInvisible(userHeader).trim();
  if (!USER_VALUE.test(name)) return { kind: 'anonymous' };
  const groups = (groupsHeader ?? '')
    .split(',')
    .map((group) => group.trim())
    .filter(Boolean);
  return { kind: 'signed-in', principal: { name, subject: name, roles: rolesForGroups(groups, roles) } };
}

function occurrences(request: FastifyRequest, header: string): number {
  const raw = request.raw.rawHeaders;
  let count = 0;
  for (let i = 0; i < raw.length; i += 2) if (raw[i]!.toLowerCase() === header) count++;
  return count;
}

const WARNING_WINDOW_MS = 60_000;
const WARNING_ADDRESSES_MAX = 10_000;

/**
 * Identity headers from an untrusted address are worth a warning, but not one per request: at most
 * one line per address a minute (on the app's clock), and that line counts the ones left out since.
 */
export class UntrustedHeaderWarnings {
  private readonly addresses = new Map<string, { at: number; suppressed: number }>();

  constructor(private readonly now: Clock) {}

  /** null: stay quiet; otherwise log now, saying how many lines were suppressed since the last. */
  take(remoteAddress: string): number | null {
    const now = this.now();
    if (!this.addresses.has(remoteAddress) && this.addresses.size >= WARNING_ADDRESSES_MAX) this.forgetQuiet(now);
    // Beyond the bound (addresses spread over a whole range), they share one line a minute.
    const key = this.addresses.has(remoteAddress) || this.addresses.size < WARNING_ADDRESSES_MAX ? remoteAddress : '*';
    const entry = this.addresses.get(key);
    if (entry && now - entry.at < WARNING_WINDOW_MS) {
      entry.suppressed += 1;
      return null;
    }
    this.addresses.set(key, { at: now, suppressed: 0 });
    return entry?.suppressed ?? 0;
  }

  private forgetQuiet(now: number): void {
    for (const [address, entry] of this.addresses) if (now - entry.at >= WARNING_WINDOW_MS) this.addresses.delete(address);
  }
}
