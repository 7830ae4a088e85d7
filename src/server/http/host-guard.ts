// DNS rebinding guard: a page on attacker.example whose name the attacker re-points at the console's
// address is "same origin" with itself, so the browser sends it the console's cookies' requests and
// CSRF cannot tell. Its requests still carry `Host: attacker.example`, so the console answers only
// to its own names: PUBLIC_URL's host, ALLOWED_HOSTS, and the loopback names on the port it listens
// on. With AUTH_MODE=none (a local demo) only the loopback names. Everything else gets 421 before
// any route, static file or sign-in runs.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { AuthConfig } from '../config';
import { ApiHttpError } from '../errors';

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

interface HostName {
  name: string;
  /** null: no port in the Host header (the scheme's default). */
  port: number | null;
}

/** `name[:port]` of a Host header, lower case, without a trailing dot; null if it is not one. */
export function parseHost(value: string | undefined): HostName | null {
  if (!value) return null;
  const match = /^(\[[0-9a-f:.]+\]|[^:[\]]+?)\.?(?::(\d{1,5}))?$/i.exec(value.trim());
  if (!match?.[1]) return null;
  return { name: match[1].toLowerCase(), port: match[2] === undefined ? null : Number(match[2]) };
}

export interface HostAllowList {
  /** `localPort`: the port the connection arrived on; undefined for in-process requests (inject). */
  allows(host: string | undefined, localPort: number | undefined): boolean;
  /** What the console answers to, for the refusal message. */
  describe(): string;
}

export function hostAllowList(auth: AuthConfig): HostAllowList {
  const named = auth.mode === 'none' ? [] : [...(auth.publicUrl ? [auth.publicUrl.host] : []), ...auth.allowedHosts];
  const entries = named.map(parseHost).filter((entry): entry is HostName => entry !== null);
  return {
    allows(host, localPort) {
      const asked = parseHost(host);
      if (!asked) return false;
      if (LOOPBACK_NAMES.has(asked.name)) {
        // The loopback names only on the console's own port: its address as the browser reached it.
        return localPort === undefined || (asked.port ?? 80) === localPort;
      }
      // An entry without a port takes any: a proxy in front may publish the console on 443 or 8443.
      return entries.some((entry) => entry.name === asked.name && (entry.port === null || entry.port === asked.port));
    },
    describe() {
      if (auth.mode === 'none') return "With AUTH_MODE=none it answers only to localhost, 127.0.0.1 or [::1] on the console's port.";
      const names = named.length > 0 ? `${named.join(', ')}, ` : '';
      return `It answers to ${names}localhost, 127.0.0.1 or [::1] on the console's port; add the name browsers use to ALLOWED_HOSTS.`;
    },
  };
}

/** The Host header as sent, and the forwarded host too when a trusted proxy set one: both must be ours. */
function hostsOf(request: FastifyRequest): (string | undefined)[] {
  const raw = request.headers.host;
  return request.host !== raw ? [raw, request.host] : [raw];
}

/** Printable and short, for the message: the refused value is the caller's own text. */
function shown(host: string | undefined): string {
  return (host ?? '').replace(/[^\x21-\x7e]/g, '?').slice(0, 100);
}

export const hostGuardPlugin = fp(
  async function hostGuard(app: FastifyInstance, options: { auth: AuthConfig }) {
    const allowList = hostAllowList(options.auth);
    app.addHook('onRequest', async (request) => {
      const localPort = request.raw.socket.localPort;
      const refused = hostsOf(request).filter((host) => !allowList.allows(host, localPort));
      if (refused.length > 0) throw new ApiHttpError(421, 'HOST_NOT_ALLOWED', `The console does not answer to the host "${shown(refused[0])}". ${allowList.describe()}`);
    });
  },
  { name: 'host-guard' },
);
