// Response headers for every answer (pages, API, errors, 404s): Helmet with a strict
// Content-Security-Policy, no framing, no referrer, HSTS when served over https; the request id;
// and no caching of API or sign-in answers.
//
// style-src needs 'unsafe-inline': Mantine renders its CSS variables as <style> elements at run
// time. Scripts get no such allowance: only the console's own files, no inline script, no eval.
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { AuthConfig } from '../config';

const HSTS = 'max-age=31536000';

export function contentSecurityPolicy(auth: AuthConfig): Record<string, string[]> {
  const https = auth.publicUrl?.protocol === 'https:';
  return {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'script-src-attr': ["'none'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'"],
    'object-src': ["'none'"],
    'frame-src': ["'none'"],
    'frame-ancestors': ["'none'"],
    'base-uri': ["'self'"],
    // The sign-in redirects to the provider; allowed as a form target should a form ever start it.
    'form-action': auth.oidc ? ["'self'", auth.oidc.issuer.origin] : ["'self'"],
    ...(https ? { 'upgrade-insecure-requests': [] } : {}),
  };
}

export const securityPlugin = fp(
  async function security(app: FastifyInstance, options: { auth: AuthConfig }) {
    const httpsPublic = options.auth.publicUrl?.protocol === 'https:';
    await app.register(helmet, {
      contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicy(options.auth) },
      referrerPolicy: { policy: 'no-referrer' },
      frameguard: { action: 'deny' },
      strictTransportSecurity: false, // below, and only over https
      crossOriginEmbedderPolicy: false,
    });
    app.addHook('onSend', async (request, reply, payload) => {
      reply.header('x-request-id', request.id);
      if (/^\/(api|auth)\//.test(request.url)) reply.header('cache-control', 'no-store');
      if (httpsPublic || request.protocol === 'https') reply.header('strict-transport-security', HSTS);
      return payload;
    });
  },
  { name: 'security' },
);
