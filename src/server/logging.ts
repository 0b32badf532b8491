// The logger's options: Fastify's request line, but with the secrets a URL may carry in its query
// string (reset or access tokens, passwords, one-time codes) replaced, since logs are kept longer
// and read by more people than the requests themselves.
import type { FastifyRequest } from 'fastify';

/** Query parameters whose value is a secret: *token*, *password*, *secret*, and `code`. */
const SECRET = /token|passw|secret|^code$/i;

export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const query = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const raw = eq < 0 ? pair : pair.slice(0, eq);
      let name = raw;
      try {
        name = decodeURIComponent(raw.replace(/\+/g, ' '));
      } catch {
        // a malformed escape: judge the name as written
      }
      return SECRET.test(name) ? `${raw}=[redacted]` : pair;
    })
    .join('&');
  return `${url.slice(0, q)}?${query}`;
}

const serializers = {
  req: (request: FastifyRequest) => ({
    method: request.method,
    url: redactUrl(request.url),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  }),
};

/** Fastify's `logger` option with the request serializer above. */
export function loggerOptions(logger: boolean | object | undefined): boolean | object {
  if (!logger) return false;
  const given = logger === true ? {} : (logger as { serializers?: object });
  return { ...given, serializers: { ...given.serializers, ...serializers } };
}
