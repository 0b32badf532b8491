// The fuzzing of every route (test/fuzz.*.test.ts): no input makes the API answer 500, and every
// error is JSON {error, message}. The routes come from the OpenAPI document (/api/docs/json), so a
// new route is fuzzed without anyone adding it here. For every path and method, as the national
// admin and as an anonymous caller: malformed path and query parameters (huge numbers, '../',
// unicode, empty, NUL, very long; on numeric ones also the tiniest, largest and non-finite doubles),
// malformed JSON, JSON nested 10,000 deep (the whole body and each field), wrong content types,
// wrong types and oversized strings in each field of a plausible body, a body over the size limit
// and one over the row limit.
// The routes are shared out between a few files by path (FUZZ_GROUPS; whatever no group names goes
// to 'other'), so that the test runner fuzzes them in parallel, each file on its own app.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type SignedIn, signIn, type TestApp } from './app.ts';

interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  required?: string[];
  nullable?: boolean;
  default?: unknown;
}
interface Operation {
  parameters?: { in: string; name: string; required?: boolean; schema?: Schema }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  tags?: string[];
}
interface Doc {
  paths: Record<string, Record<string, Operation>>;
}

// Junk for path and query parameters.
const JUNK: string[] = [
  '',
  ' ',
  '0',
  '-1',
  '1.5',
  '99999999999999999999999',
  '1e308',
  '-1e308',
  'NaN',
  'Infinity',
  '0x10',
  '../../../etc/passwd',
  '..%2F..%2Fetc%2Fpasswd',
  '%00',
  '%E0%A4%A',
  '%u0041',
  'Алматы',
  'Қазақстан-💥',
  '\u202e\u200b',
  "' OR 1=1 --",
  '<script>alert(1)</script>',
  'null',
  '[]',
  '{}',
  'KZ-75;DROP TABLE activity',
  '2147483648',
  '-2147483649',
  '9999-99',
  '2023-02-30',
  '0000',
  '2100-H3',
  '\ud800',
  'x'.repeat(10_000),
];

/**
 * More junk for numeric parameters (path and query): the smallest and largest doubles and beyond,
 * which a schema's positive() or max() lets through or a quotient turns into Infinity.
 */
const NUMBER_JUNK: string[] = [
  '5e-324',
  '-5e-324',
  '1e-320',
  '1e-7',
  '-0',
  '1e309',
  '-1e309',
  '1.7976931348623157e308',
  '-Infinity',
  '+Infinity',
  '9007199254740993',
];

/** Arrays and objects nested 10,000 deep: valid JSON that overflows any recursive walk of it. */
const DEPTH = 10_000;
const DEEP_ARRAY = `${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}`;
const DEEP_OBJECT = `${'{"a":'.repeat(DEPTH)}1${'}'.repeat(DEPTH)}`;

const BAD_JSON = [
  '{',
  '[',
  '{"a":',
  'null',
  '"text"',
  '123',
  'true',
  '[]',
  '{"__proto__":{"x":1}}',
  '['.repeat(5000),
];
const HUGE = 'Ж'.repeat(600_000); // > 1 MB in UTF-8, under the 5 MB body limit
const WRONG_VALUES: unknown[] = [
  null,
  true,
  -1,
  1e308,
  -1e308,
  2 ** 53,
  0.1,
  -0,
  1e-320,
  2147483648,
  -2147483649,
  '',
  '   ',
  '\ud800',
  '2023-02-30',
  '9999-12-31',
  '\u0000',
  '../../etc/passwd',
  '💥',
  HUGE,
  [],
  [1, 2, 3],
  {},
  { nested: { deeper: [null] } },
];
const OVERSIZED = JSON.stringify({ x: 'y'.repeat(6 * 1024 * 1024) }); // over the 5 MB body limit
/** Rows in the "many items" body when the document states no limit to go over. */
const MANY = 10_001;

/** A value of the schema's shape: what a well-meaning client would send. */
function plausible(s: Schema | undefined, depth = 0): unknown {
  if (!s || depth > 6) return null;
  if (s.default !== undefined) return s.default;
  const alt = s.anyOf ?? s.oneOf;
  if (alt?.length) return plausible(alt[0], depth + 1);
  if (s.allOf?.length) return plausible(s.allOf[0], depth + 1);
  if (s.enum?.length) return s.enum[0];
  const type = Array.isArray(s.type) ? s.type.find((x) => x !== 'null') : s.type;
  switch (type) {
    case 'string':
      return 'x';
    case 'integer':
    case 'number':
      return s.minimum !== undefined ? Math.max(s.minimum, 1) : 1;
    case 'boolean':
      return false;
    case 'array':
      return Array.from({ length: s.minItems ?? 0 }, () => plausible(s.items, depth + 1));
    case 'object':
    case undefined:
      if (!s.properties) return {};
      return Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, plausible(v, depth + 1)]));
    default:
      return null;
  }
}

/** Whether a parameter's schema is a number (coerced query values are documented as such). */
function isNumeric(s: Schema | undefined): boolean {
  if (!s) return false;
  const types = Array.isArray(s.type) ? s.type : [s.type];
  if (types.includes('number') || types.includes('integer')) return true;
  return [...(s.anyOf ?? []), ...(s.oneOf ?? []), ...(s.allOf ?? [])].some(isNumeric);
}

/** The largest maxItems of an array at the top of the body schema (or among its alternatives). */
function rowLimit(s: Schema | undefined): number | undefined {
  if (!s) return undefined;
  const limits = [s, ...(s.anyOf ?? []), ...(s.oneOf ?? []), ...(s.allOf ?? [])]
    .map((x) => x.maxItems)
    .filter((x): x is number => x !== undefined);
  return limits.length ? Math.max(...limits) : undefined;
}

/** A valid-looking value for a path parameter, by its name. */
const SAMPLE: Record<string, string> = {
  id: '1',
  region: 'KZ-75',
  period: '2022-03',
  year: '2022',
  list: 'area',
  code: 'umit',
  kind: 'activities',
  lang: 'en',
};
/** Valid-looking values of query parameters, by name; otherwise a plausible value of the schema. */
const QUERY_SAMPLE: Record<string, string> = {
  ...SAMPLE,
  map: 'all',
  limit: '10',
  offset: '0',
  entity: 'activity',
  entityId: '1',
};

/** Percent-encoding that survives a lone surrogate: sent as the bytes no UTF-8 decoder accepts. */
function enc(v: string): string {
  try {
    return encodeURIComponent(v);
  } catch {
    return '%ED%A0%80';
  }
}

interface Call {
  what: string;
  method: string;
  url: string;
  headers?: Record<string, string>;
  payload?: string | object;
}

function calls(path: string, method: string, op: Operation): Call[] {
  const out: Call[] = [];
  const pathParams = (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
  const query = (op.parameters ?? []).filter((p) => p.in === 'query');
  const queryParams = query.map((p) => p.name);
  // The required query parameters with valid-looking values, so that the handler is reached.
  const required = Object.fromEntries(
    query.filter((p) => p.required).map((p) => [p.name, QUERY_SAMPLE[p.name] ?? String(plausible(p.schema))]),
  );
  const qs = (over: Record<string, string> = {}) => {
    const all = { ...required, ...over };
    const text = Object.entries(all)
      .map(([k, v]) => `${enc(k)}=${enc(v)}`)
      .join('&');
    return text ? `?${text}` : '';
  };
  const fillPath = (over: Record<string, string> = {}) =>
    path.replace(/\{([^}]+)\}/g, (_, k: string) => enc(over[k] ?? SAMPLE[k] ?? '1'));
  const fill = (over: Record<string, string> = {}) => `${fillPath(over)}${qs()}`;
  const jsonSchema = op.requestBody?.content?.['application/json']?.schema;
  const base = jsonSchema ? plausible(jsonSchema) : undefined;
  const withBody = (c: Omit<Call, 'payload'>): Call =>
    base !== undefined ? { ...c, payload: base as object } : c;

  out.push(withBody({ what: 'plausible', method, url: fill() }));
  const numeric = new Set(
    (op.parameters ?? []).filter((p) => isNumeric(p.schema)).map((p) => `${p.in} ${p.name}`),
  );
  const junkFor = (where: string, name: string) =>
    numeric.has(`${where} ${name}`) ? [...JUNK, ...NUMBER_JUNK] : JUNK;
  for (const name of pathParams) {
    for (const junk of junkFor('path', name)) {
      // A raw '../' in the path is the router's business; percent-encoded it reaches the route.
      out.push(withBody({ what: `path ${name}=${junk.slice(0, 30)}`, method, url: fill({ [name]: junk }) }));
    }
    out.push(
      withBody({ what: `raw path ${name}=../`, method, url: fill().replace(SAMPLE[name] ?? '1', '..') }),
    );
  }
  for (const name of [...queryParams, 'unknown_param']) {
    for (const junk of junkFor('query', name)) {
      const what = `query ${name}=${junk.slice(0, 30)}`;
      out.push(withBody({ what, method, url: `${fillPath()}${qs({ [name]: junk })}` }));
    }
    const sep = qs() ? '&' : '?';
    out.push(withBody({ what: `query ${name} twice`, method, url: `${fill()}${sep}${name}=1&${name}=2` }));
    out.push(withBody({ what: `query ${name}[]`, method, url: `${fill()}${sep}${name}[a]=1` }));
  }
  if (method === 'GET' || method === 'HEAD') return out;

  const json = { 'content-type': 'application/json' };
  for (const [what, raw] of [
    ['deep array', DEEP_ARRAY],
    ['deep object', DEEP_OBJECT],
  ] as const) {
    out.push({ what: `json ${what}`, method, url: fill(), headers: json, payload: raw });
  }
  for (const raw of BAD_JSON) {
    out.push({
      what: `json ${raw.slice(0, 20)}`,
      method,
      url: fill(),
      headers: { 'content-type': 'application/json' },
      payload: raw,
    });
  }
  for (const [type, payload] of [
    ['text/plain', 'hello'],
    ['application/xml', '<a>1</a>'],
    ['application/x-www-form-urlencoded', 'a=1&b=2'],
    [
      'multipart/form-data; boundary=xyz',
      '--xyz\r\nContent-Disposition: form-data; name="file"\r\n\r\njunk\r\n--xyz--',
    ],
    ['multipart/form-data', 'no boundary'],
    ['application/json; charset=latin1', '{"a":1}'],
    ['application/octet-stream', Buffer.from([0, 1, 2, 255]).toString('latin1')],
    ['', '{}'],
  ] as const) {
    out.push({
      what: `content-type ${type}`,
      method,
      url: fill(),
      headers: { 'content-type': type },
      payload,
    });
  }
  out.push({
    what: 'oversized body',
    method,
    url: fill(),
    headers: { 'content-type': 'application/json' },
    payload: OVERSIZED,
  });

  // One field at a time made wrong, the rest plausible.
  const fields =
    base && typeof base === 'object' && !Array.isArray(base)
      ? Object.keys(base)
      : Array.isArray(base) && base[0] && typeof base[0] === 'object'
        ? Object.keys(base[0] as object).map((k) => `[0].${k}`)
        : [];
  for (const field of fields) {
    for (const value of WRONG_VALUES) {
      let payload: unknown;
      if (field.startsWith('[0].')) {
        const k = field.slice(4);
        payload = [{ ...((base as object[])[0] as object), [k]: value }];
      } else payload = { ...(base as object), [field]: value };
      const label =
        typeof value === 'string'
          ? `"${value.slice(0, 10)}"(${value.length})`
          : JSON.stringify(value)?.slice(0, 20);
      out.push({ what: `field ${field}=${label}`, method, url: fill(), payload: payload as object });
    }
  }
  // Each field nested 10,000 deep, the rest plausible: sent as text (JSON.stringify would overflow).
  for (const field of fields) {
    for (const [what, deep] of [
      ['deep array', DEEP_ARRAY],
      ['deep object', DEEP_OBJECT],
    ] as const) {
      const k = field.startsWith('[0].') ? field.slice(4) : field;
      const row = field.startsWith('[0].') ? (base as object[])[0] : base;
      const text = JSON.stringify({ ...(row as object), [k]: '\u0000DEEP' }).replace('"\\u0000DEEP"', deep);
      const payload = field.startsWith('[0].') ? `[${text}]` : text;
      out.push({ what: `field ${field}=${what}`, method, url: fill(), headers: json, payload });
    }
  }
  out.push({ what: 'array instead of object', method, url: fill(), payload: [base] as object });
  // One more item than the body's row limit (reference uploads: 10,000), or MANY where it has none:
  // copies of the plausible body and, where that is a list of rows, copies of its row.
  const limit = rowLimit(jsonSchema);
  const many = limit !== undefined ? limit + 1 : MANY;
  out.push({ what: 'many items', method, url: fill(), payload: Array.from({ length: many }, () => base) });
  if (Array.isArray(base) && base.length) {
    const row = base[0] as unknown;
    out.push({
      what: 'rows over the limit',
      method,
      url: fill(),
      payload: Array.from({ length: many }, () => row),
    });
  }
  return out;
}

/** Each group of routes is fuzzed by its own file; the paths no group names are 'other'. */
export const FUZZ_GROUPS = {
  auth: /^\/api\/(auth|users)(\/|$)/,
  activities: /^\/api\/activities(\/|$)/,
  reports: /^\/api\/reports(\/|$)/,
  reference: /^\/api\/reference(\/|$)/,
  other: null,
} as const;
export type FuzzGroup = keyof typeof FUZZ_GROUPS;

function groupOf(path: string): FuzzGroup {
  for (const [group, re] of Object.entries(FUZZ_GROUPS)) if (re?.test(path)) return group as FuzzGroup;
  return 'other';
}

const routeList = (doc: Doc) =>
  Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({ path, method: method.toUpperCase(), op })),
  );

const WHO = ['admin', 'anonymous'] as const;
// Signing the fuzzing admin out would turn the rest of the run anonymous.
const skipped = (who: (typeof WHO)[number], path: string) => who === 'admin' && path === '/api/auth/logout';

/** Declares the fuzzing of one group of routes, on an app of its own with some data. */
export function describeFuzz(group: FuzzGroup): void {
  let t: TestApp;
  let admin: SignedIn;
  let doc: Doc;

  beforeAll(async () => {
    t = await createTestApp({ loginRateLimit: 100_000 });
    admin = await signIn(t, 'national_admin');
    // Some data, so that routes which read (reports, reviews, exports) reach their code paths.
    const org = await t.app.inject({
      method: 'POST',
      url: '/api/organizations',
      headers: admin.headers,
      payload: { name: 'Fuzz NPO', type: 'npo', region: 'KZ-75' },
    });
    expect(org.statusCode).toBe(201);
    const a = await t.app.inject({
      method: 'POST',
      url: '/api/activities',
      headers: admin.headers,
      payload: {
        region: 'KZ-75',
        period: '2022-03',
        organization: 'Fuzz NPO',
        organization_type: 'npo',
        title: 'Fuzz event',
        area: 'umit',
        format: 'offline',
        kind: 'event',
        start_date: '2022-03-01',
        end_date: '2022-03-01',
        volunteers: 5,
        hours: 10,
      },
    });
    expect(a.statusCode).toBe(201);
    // Accepted, so that the published reports compute figures from it (an FTE, a value, shares).
    for (const [step, version] of [
      ['submit', 1],
      ['accept', 2],
    ] as const) {
      const s = await t.app.inject({
        method: 'POST',
        url: `/api/submissions/KZ-75/2022-03/${step}`,
        headers: admin.headers,
        payload: { version },
      });
      expect(s.statusCode, s.body).toBe(200);
    }
    doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json();
  });
  afterAll(async () => t?.close());

  async function ensureAdmin() {
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: admin.headers });
    if (me.statusCode !== 200) admin = await signIn(t, 'national_admin');
  }

  describe(`fuzz the ${group} routes of the OpenAPI document`, () => {
    it('documents the routes it fuzzes, every one in a group', () => {
      const all = routeList(doc);
      expect(all.length).toBeGreaterThan(40);
      expect(all.filter((r) => groupOf(r.path) === group).length).toBeGreaterThan(0);
      // Over all the groups (the files), the same number of requests as when one file sent them all.
      let total = 0;
      for (const { path, method, op } of all)
        for (const who of WHO) if (!skipped(who, path)) total += calls(path, method, op).length;
      expect(total).toBeGreaterThan(3000);
    });

    it('never answers 500, and every error is {error, message}', async () => {
      const problems: string[] = [];
      for (const { path, method, op } of routeList(doc).filter((r) => groupOf(r.path) === group)) {
        for (const who of WHO) {
          if (skipped(who, path)) continue;
          for (const c of calls(path, method, op)) {
            const headers = { ...(who === 'admin' ? admin.headers : {}), ...(c.headers ?? {}) };
            let res: Awaited<ReturnType<typeof t.app.inject>>;
            try {
              res = await t.app.inject({
                method: c.method as 'POST',
                url: c.url,
                headers,
                ...(c.payload !== undefined ? { payload: c.payload } : {}),
              });
            } catch (err) {
              problems.push(`${who} ${method} ${path} [${c.what}]: threw ${(err as Error).message}`);
              continue;
            }
            const where = `${who} ${method} ${path} [${c.what}] → ${res.statusCode}`;
            if (res.statusCode >= 500) {
              problems.push(`${where}: ${res.body.slice(0, 200)}`);
              continue;
            }
            if (res.statusCode >= 400) {
              let body: { error?: unknown; message?: unknown } | null = null;
              try {
                body = res.json();
              } catch {
                body = null;
              }
              if (!body || typeof body.error !== 'string' || typeof body.message !== 'string') {
                problems.push(`${where}: not an error body: ${res.body.slice(0, 200)}`);
              }
            }
          }
          if (who === 'admin') await ensureAdmin();
        }
      }
      expect(problems, problems.slice(0, 50).join('\n')).toEqual([]);
    }, 900_000);
  });
}
