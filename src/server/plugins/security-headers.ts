// Security headers on every answer (@fastify/helmet): a Content-Security-Policy, framing by this
// origin only (the reports page shows the report documents in an iframe), no Referer sent elsewhere,
// HSTS (browsers heed it over https only), nosniff and the rest of helmet's defaults.
//
// Two policies, as tight as each kind of page allows:
// - the web application and the API documentation (swagger-ui): scripts only from this origin
//   (no inline script, no eval, no event handler attributes), data and frames from this origin,
//   framed by this origin only. Inline styles are allowed: the dashboard's charts are SVG drawn
//   by the server (ECharts), with style attributes and a <style> for their hover states, parsed
//   in the page (a strict style-src reported some 100 violations and lost their hover styles).
//   Scripts are what an injection would need, and they stay closed. The favicon is a data: URL.
// - the report documents (`/api/…` answering HTML: the annual, half-year and monthly reports):
//   no script at all; their own <style> and the charts' style attributes inline.
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

const APP_DIRECTIVES = {
  'default-src': ["'self'"],
  'base-uri': ["'self'"],
  'connect-src': ["'self'"],
  'font-src': ["'self'", 'data:'],
  'form-action': ["'self'"],
  'frame-ancestors': ["'self'"],
  'frame-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'object-src': ["'none'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'", "'unsafe-inline'"],
};

const serialize = (d: Record<string, string[]>) =>
  Object.entries(d)
    .map(([k, v]) => `${k} ${v.join(' ')}`)
    .join(';');

export const APP_CSP = serialize(APP_DIRECTIVES);

export const REPORT_CSP = serialize({
  'default-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'style-src': ["'unsafe-inline'"],
});

export async function registerSecurityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
    // Set below from the strings built once: helmet's own CSP middleware serialises its directives
    // on every answer (some 8% of a write's CPU under load).
    contentSecurityPolicy: false,
    // Not includeSubDomains: other services under the same parent domain are not ours to decide for.
    strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: false },
    referrerPolicy: { policy: 'no-referrer' },
    xFrameOptions: { action: 'sameorigin' },
  });
  app.addHook('onSend', (request, reply, payload, done) => {
    const type = String(reply.getHeader('content-type') ?? '');
    const url = request.url;
    const report = type.startsWith('text/html') && url.startsWith('/api/') && !url.startsWith('/api/docs');
    reply.header('content-security-policy', report ? REPORT_CSP : APP_CSP);
    done(null, payload);
  });
}
