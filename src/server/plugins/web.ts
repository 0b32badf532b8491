// Serves the built web application (dist/web): hashed assets with a year-long immutable cache,
// index.html never cached (it names the current assets), precompressed .br/.gz when the browser
// accepts them, and the SPA fallback: any GET outside /api that is not a file gets index.html so
// that deep links (/regions/KZ-75, /rfo/KZ-75/2022-03) work on reload. BIRGEMIZ_GEOJSON names a
// boundary file served at /geo/regions.geojson (the dashboard then draws a choropleth).
import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { headTags, isOgLang, opportunityHead, withHead } from './opportunity-og.ts';

export async function registerWebApp(app: FastifyInstance, webRoot: string): Promise<void> {
  const indexFile = path.join(webRoot, 'index.html');
  if (!fs.existsSync(indexFile)) return;
  // The operator's boundary file for the choropleth (features with properties.code = ISO code),
  // from the configuration rather than the build directory, which every rebuild empties. The page
  // says whether there is one (a meta tag), so that no visitor's browser asks for a missing file.
  const geojson = process.env.BIRGEMIZ_GEOJSON;
  const geoServed = !!geojson && fs.existsSync(geojson);
  const page = fs.readFileSync(indexFile, 'utf8');
  // … or one built into the application (src/web/public/geo/regions.geojson), served as a file.
  const geoBuiltIn = fs.existsSync(path.join(webRoot, 'geo', 'regions.geojson'));
  const meta = '<meta name="birgemiz-geojson" content="/geo/regions.geojson">';
  const indexHtml = Buffer.from(
    !geoServed && !geoBuiltIn
      ? page
      : page.includes('</head>')
        ? page.replace('</head>', `${meta}\n</head>`)
        : page.replace(/^(<!doctype html>)?/i, `$1${meta}`),
  );
  await app.register(fastifyStatic, {
    root: webRoot,
    prefix: '/',
    wildcard: false,
    index: false,
    preCompressed: true,
    cacheControl: false,
    setHeaders(reply, filePath) {
      const rel = path.relative(webRoot, filePath).split(path.sep).join('/');
      reply.header(
        'cache-control',
        rel.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
  const sendIndex = (reply: import('fastify').FastifyReply) =>
    reply
      .header('cache-control', 'no-cache')
      .header('x-content-type-options', 'nosniff')
      .type('text/html; charset=utf-8')
      .send(indexHtml);
  if (geojson && !geoServed)
    app.log.warn(`BIRGEMIZ_GEOJSON=${geojson}: no such file; the dashboard shows the cartogram only`);
  if (geojson && geoServed) {
    app.get('/geo/regions.geojson', { schema: { hide: true } }, (_req, reply) =>
      reply
        .header('cache-control', 'public, max-age=3600')
        .type('application/geo+json')
        .send(fs.createReadStream(geojson)),
    );
  }
  app.get('/', { schema: { hide: true } }, (_req, reply) => sendIndex(reply));
  // An opportunity's page carries its Open Graph tags (opportunity-og.ts), for link previews.
  const indexText = indexHtml.toString('utf8');
  app.get('/platform/opportunities/:id', { schema: { hide: true } }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const { lang } = request.query as { lang?: unknown };
    const ogLang = isOgLang(lang) ? lang : 'ru';
    const head =
      /^[1-9]\d{0,9}$/.test(id) && Number(id) <= 2_147_483_647
        ? await opportunityHead(app.database.db, Number(id), ogLang).catch((e: unknown) => {
            request.log.warn({ err: e }, 'Open Graph tags of an opportunity: not read');
            return null;
          })
        : null;
    if (!head) return sendIndex(reply);
    return reply
      .header('cache-control', 'no-cache')
      .header('x-content-type-options', 'nosniff')
      .type('text/html; charset=utf-8')
      .send(withHead(indexText, headTags(head, ogLang)));
  });
  app.get('/*', { schema: { hide: true } }, (request, reply) => {
    const url = request.url.split('?')[0] ?? '/';
    const last = url.split('/').pop() ?? '';
    // /api stays JSON; a missing file (anything with an extension) is a plain 404, not the page.
    if (url === '/api' || url.startsWith('/api/') || last.includes('.')) {
      return reply
        .status(404)
        .send({ error: 'not_found', message: `No route ${request.method} ${url}`, details: [] });
    }
    return sendIndex(reply);
  });
}
