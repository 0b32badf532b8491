// The access matrix's table: every route of the OpenAPI document, the policy action that governs
// it, and how to build a minimal valid request about the `own` resource (region KZ-75,
// organisation A) and the `foreign` one (region KZ-79, organisation B). An allowed caller passes
// validation and reaches the decision; the status it then gets is the route's success status.
// Requests that change data work on fresh resources (a new record, a new month, a new code) or
// write what is already there, so that no cell changes the answer of another.
import { withCheckDigit } from '../../src/domain/ids.ts';
import type { Resource } from '../../src/domain/policy.ts';
import { issueFormToken } from '../../src/modules/appeals/appeals.form.ts';
import type { Entry, MatrixRequest, Side, Variant } from './matrix.ts';

export const OWN_REGION = 'KZ-75';
export const FOREIGN_REGION = 'KZ-79';
/** The year of the seeded data; its months stay open (nothing in it is submitted). */
export const YEAR = 2040;
export const OPEN_MONTH = `${YEAR}-01`;

export interface Org {
  id: number;
  name: string;
  region: string;
}

/** What the table needs from the seeded application. */
export interface MatrixWorld {
  /** A request of the national admin that must succeed; its JSON answer. */
  asAdmin(method: string, url: string, payload?: object): Promise<any>;
  orgs: Record<'own' | 'foreign', Org>;
  /** An activity record of each side's organisation in OPEN_MONTH. */
  records: Record<'own' | 'foreign', number>;
  /** The credentials of an account to sign in with. */
  login: { email: string; password: string };
  /** KZ-75's current tile column (written back unchanged). */
  tileX: number;
  /** A message queued in the outbox. */
  outboxMessage: number;
  /**
   * A new volunteer of the platform, a minor (registered with no session): its signed-in headers and
   * the tokens of its two links (e-mail confirmation, guardian consent), as the e-mails carry them.
   */
  newVolunteer(): Promise<{ headers: Record<string, string>; confirmToken: string; guardianToken: string }>;
  /** The token of the latest one-time link e-mailed to an address (from the outbox table). */
  linkToken(to: string): Promise<string>;
  /**
   * Registers an organisation on the platform from a client address of its own (registrations are
   * limited per address); its JSON answer.
   */
  registerOrg(payload: object): Promise<any>;
  /** The juror seated on the own side's award rounds (a caller), and the one on the foreign side's. */
  jurors: Record<'own' | 'foreign', number>;
}

/** A registration of a new organisation on the platform, valid, with a fresh BIN and e-mail. */
export function platformRegistration(region: string, n: number) {
  let bin: string | null = null;
  for (let i = n * 10; !bin; i++) bin = withCheckDigit(`0902400${String(i % 10000).padStart(4, '0')}`);
  return {
    name: `Matrix platform NPO ${n}`,
    type: 'npo',
    bin,
    region,
    email: `matrix-platform-${n}@test.kz`,
    password: 'long-enough-password',
    contactName: 'Matrix Coordinator',
  };
}

/** A volunteer's registration, valid and of an address of its own. */
export const volunteerRegistration = (email: string) => ({
  email,
  password: 'a long enough password',
  name: 'Matrix Volunteer',
  birthDate: '2010-01-01',
  gender: 'female',
  region: OWN_REGION,
  employment: 'schoolchild',
  consent: { personalData: true },
  guardian: { name: 'Matrix Guardian', email: `guardian-${email}` },
});

/** An activity record of the organisation, valid as entered by hand or imported. */
export const activityRecord = (o: Org, period: string, title: string) => ({
  region: o.region,
  period,
  organization: o.name,
  organization_type: 'npo',
  title,
  area: 'bilim',
  format: 'offline',
  kind: 'event',
  start_date: `${period}-05`,
  end_date: `${period}-05`,
  volunteers: 4,
  hours: 8,
});

const side2 = (side: Side): 'own' | 'foreign' => (side === 'foreign' ? 'foreign' : 'own');
const regionOf = (side: Side) => (side === 'foreign' ? FOREIGN_REGION : OWN_REGION);

let counter = 0;
const fresh = () => ++counter;
/** A month of its own (from 2041 on, after the seeded year), for requests that close or fill one. */
let months = 0;
const freshMonth = () => {
  // Counted apart from the other fresh targets, which would run the years past 2100.
  const i = ++months;
  return `${YEAR + 1 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
};

/** A multipart/form-data body with the file in the field "file". */
function multipart(content: string, filename: string): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----matrix${fresh()}x${Date.now()}`;
  const payload = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\n` +
      `Content-Type: text/csv\r\n\r\n${content}\r\n--${boundary}--\r\n`,
  );
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const scoped = (v: Omit<Variant, 'scoped'>): Variant => ({ ...v, scoped: true });
const unscoped = (v: Omit<Variant, 'scoped'>): Variant => ({ ...v, scoped: false });
const get = (url: string, resource: Resource = {}): MatrixRequest => ({ url, resource });

export function matrixRoutes(w: MatrixWorld): Entry[] {
  const org = (side: Side) => w.orgs[side2(side)];
  /** A record's resource: its region and its organisation. */
  const orgResource = (side: Side): Resource => ({ region: org(side).region, organizationId: org(side).id });

  const activity = (side: Side, period = OPEN_MONTH) =>
    activityRecord(org(side), period, `Matrix check ${fresh()}`);
  /** A change of a new record of the side's organisation (entered by the national admin). */
  const changeRecord = (
    method: Entry['method'],
    success: number,
    request: (a: { id: number; version: number }, side: Side) => { url: string; payload?: object },
  ): Entry => ({
    method,
    path: '/api/activities/{id}',
    variants: [
      scoped({
        access: 'activities.write',
        success: [success],
        build: async (side) => {
          const a = await w.asAdmin('POST', '/api/activities', activity(side));
          return { ...request(a, side), resource: orgResource(side) };
        },
      }),
    ],
  });

  // --- activities ------------------------------------------------------------------------------
  const activities: Entry[] = [
    {
      method: 'GET',
      path: '/api/activities',
      variants: [
        scoped({
          name: 'region',
          access: 'activities.read',
          success: [200],
          build: async (side) => get(`/api/activities?region=${regionOf(side)}`, { region: regionOf(side) }),
        }),
        unscoped({
          name: 'no region',
          access: 'activities.read',
          success: [200],
          build: async () => get('/api/activities'),
        }),
      ],
    },
    {
      method: 'GET',
      path: '/api/activities/{id}',
      variants: [
        scoped({
          access: 'activities.read',
          success: [200],
          build: async (side) => get(`/api/activities/${w.records[side2(side)]}`, orgResource(side)),
        }),
      ],
    },
    {
      method: 'POST',
      path: '/api/activities',
      variants: [
        scoped({
          access: 'activities.write',
          success: [201],
          build: async (side) => ({
            url: '/api/activities',
            payload: activity(side),
            resource: orgResource(side),
          }),
        }),
      ],
    },
    changeRecord('PUT', 200, (a, side) => ({
      url: `/api/activities/${a.id}`,
      payload: { ...activity(side), hours: 9, version: a.version },
    })),
    changeRecord('PATCH', 200, (a) => ({
      url: `/api/activities/${a.id}`,
      payload: { hours: 10, version: a.version },
    })),
    changeRecord('DELETE', 204, (a) => ({ url: `/api/activities/${a.id}?version=${a.version}` })),
  ];

  // --- audit -----------------------------------------------------------------------------------
  const audit: Entry[] = [
    {
      method: 'GET',
      path: '/api/audit',
      variants: [
        scoped({
          name: 'region',
          access: 'audit.read',
          success: [200],
          build: async (side) =>
            get(`/api/audit?region=${regionOf(side)}&limit=5`, { region: regionOf(side) }),
        }),
        unscoped({
          name: 'no region',
          access: 'audit.read',
          success: [200],
          build: async () => get('/api/audit?limit=5'),
        }),
      ],
    },
  ];

  // --- outbox ----------------------------------------------------------------------------------
  const outbox: Entry[] = [
    {
      method: 'GET',
      path: '/api/outbox',
      variants: [
        unscoped({ access: 'outbox.read', success: [200], build: async () => get('/api/outbox?limit=5') }),
      ],
    },
    {
      method: 'GET',
      path: '/api/outbox/{id}',
      variants: [
        unscoped({
          access: 'outbox.read',
          success: [200],
          build: async () => get(`/api/outbox/${w.outboxMessage}`),
        }),
      ],
    },
  ];

  // --- exports, templates, imports -------------------------------------------------------------
  const MONTHLY_KINDS = ['activities', 'volunteers', 'organizations'] as const;
  const REFERENCE_KINDS = ['population', 'wages', 'working-time', 'unaccounted'] as const;
  const ALL_KINDS = [...MONTHLY_KINDS, 'appeals', ...REFERENCE_KINDS] as const;

  const exportsEntry: Entry = {
    method: 'GET',
    path: '/api/exports/{kind}',
    variants: [
      ...MONTHLY_KINDS.map((kind) =>
        scoped({
          name: `kind=${kind}`,
          access: 'exports.monthly',
          success: [200],
          build: async (side) =>
            get(`/api/exports/${kind}?year=${YEAR}&region=${regionOf(side)}`, { region: regionOf(side) }),
        }),
      ),
      unscoped({
        name: 'kind=activities, no region',
        access: 'exports.monthly',
        success: [200],
        build: async () => get(`/api/exports/activities?year=${YEAR}`),
      }),
      ...REFERENCE_KINDS.map((kind) =>
        unscoped({
          name: `kind=${kind}`,
          access: 'exports.reference',
          success: [200],
          build: async () => get(`/api/exports/${kind}?year=${YEAR}`),
        }),
      ),
      unscoped({
        name: 'kind=appeals',
        access: 'exports.appeals',
        success: [200],
        build: async () => get(`/api/exports/appeals?year=${YEAR}`),
      }),
    ],
  };

  const templatesEntry: Entry = {
    method: 'GET',
    path: '/api/templates/{kind}',
    variants: ALL_KINDS.map((kind) =>
      unscoped({
        name: `kind=${kind}`,
        access: 'public',
        success: [200],
        build: async () => get(`/api/templates/${kind}`),
      }),
    ),
  };

  // One data row of each exchange format (FORMATS.md); the monthly ones in the side's region.
  const monthlyFile = (kind: (typeof MONTHLY_KINDS)[number], side: Side): string => {
    const region = regionOf(side);
    if (kind === 'activities') {
      const a = activity(side, `${YEAR}-02`);
      const head = Object.keys(a);
      return `${head.join(',')}\n${head.map((k) => String(a[k as keyof typeof a])).join(',')}\n`;
    }
    if (kind === 'volunteers')
      return `region,period,dimension,category,volunteers\n${region},${YEAR},total,,10\n`;
    return `region,period,npo,initiative_groups\n${region},${YEAR},5,3\n`;
  };
  const NATIONAL_FILES: Record<string, string> = {
    appeals:
      'received_at,channel,gender,region,country,topic,related,status,first_response_at,resolved_at,external_id\n' +
      `${YEAR}-03-01T09:15,phone,female,KZ-75,,become_volunteer,true,resolved,${YEAR}-03-01T09:30,${YEAR}-03-02T12:00,MX-1\n`,
    population: `region,year,population\nKZ-75,${YEAR},2000000\n`,
    wages: `region,activity,year,monthly_wage_kzt,source\nKZ-75,,${YEAR},400000,matrix\n`,
    'working-time': `year,monthly_hours,annual_hours,source\n${YEAR},166,1999,matrix\n`,
    unaccounted: `year,source,area,volunteers,hours,note\n${YEAR},Matrix,umit,10,50,\n`,
  };
  // Dry runs: the file is read, checked and the caller's scope decided, nothing is written.
  const upload = (kind: string, content: string, resource: Resource): MatrixRequest => {
    const body = multipart(content, `${kind}.csv`);
    return {
      url: `/api/imports/${kind}?dryRun=true`,
      payload: body.payload,
      headers: body.headers,
      resource,
    };
  };
  const importsEntry: Entry = {
    method: 'POST',
    path: '/api/imports/{kind}',
    variants: [
      ...MONTHLY_KINDS.map((kind) =>
        scoped({
          name: `kind=${kind}`,
          access: 'imports.monthly',
          success: [200],
          build: async (side) => upload(kind, monthlyFile(kind, side), { region: regionOf(side) }),
        }),
      ),
      ...Object.entries(NATIONAL_FILES).map(([kind, content]) =>
        unscoped({
          name: `kind=${kind}`,
          access: 'imports.national',
          success: [200],
          build: async () => upload(kind, content, {}),
        }),
      ),
    ],
  };

  // --- organisations ---------------------------------------------------------------------------
  const organizations: Entry[] = [
    {
      method: 'GET',
      path: '/api/organizations',
      variants: [
        scoped({
          name: 'region',
          access: 'organizations.read',
          success: [200],
          build: async (side) =>
            get(`/api/organizations?region=${regionOf(side)}`, { region: regionOf(side) }),
        }),
        unscoped({
          name: 'no region',
          access: 'organizations.read',
          success: [200],
          build: async () => get('/api/organizations'),
        }),
      ],
    },
    {
      method: 'POST',
      path: '/api/organizations',
      variants: [
        scoped({
          access: 'region.write',
          success: [201],
          build: async (side) => ({
            url: '/api/organizations',
            payload: { name: `Matrix org ${fresh()}`, type: 'initiative_group', region: regionOf(side) },
            resource: { region: regionOf(side) },
          }),
        }),
      ],
    },
    {
      method: 'GET',
      path: '/api/organizations/{id}',
      variants: [
        scoped({
          access: 'organizations.read',
          success: [200],
          build: async (side) => get(`/api/organizations/${org(side).id}`, orgResource(side)),
        }),
      ],
    },
    {
      method: 'PATCH',
      path: '/api/organizations/{id}',
      variants: [
        scoped({
          // The organisation itself (the coordinator's own on its side), its BIN left as it is.
          access: 'organizations.edit',
          success: [200],
          build: async (side) => {
            const current = await w.asAdmin('GET', `/api/organizations/${org(side).id}`);
            return {
              url: `/api/organizations/${org(side).id}`,
              payload: { version: current.version, bin: current.bin },
              resource: orgResource(side),
            };
          },
        }),
        scoped({
          // A new organisation of the side's region moved to the other side's region: the move is
          // about the region it goes to.
          name: 'move',
          access: 'organizations.move',
          success: [200],
          build: async (side) => {
            const o = await w.asAdmin('POST', '/api/organizations', {
              name: `Matrix moved ${fresh()}`,
              type: 'initiative_group',
              region: regionOf(side === 'own' ? 'foreign' : 'own'),
            });
            return {
              url: `/api/organizations/${o.id}`,
              payload: { version: o.version, region: regionOf(side) },
              resource: { region: regionOf(side) },
            };
          },
        }),
      ],
    },
  ];

  // --- reference data: public reading, changes by the national admin ------------------------------
  const codeItem = { nameKk: 'Сынақ', nameRu: 'Тест', nameEn: 'Test' };
  const readReference = (path: string, url = path): Entry => ({
    method: 'GET',
    path,
    variants: [unscoped({ access: 'public', success: [200], build: async () => get(url) })],
  });
  const editReference = (
    method: Entry['method'],
    path: string,
    success: number,
    build: () => { url: string; payload: object },
  ): Entry => ({
    method,
    path,
    variants: [
      unscoped({
        access: 'reference.edit',
        success: [success],
        build: async () => ({ ...build(), resource: {} }),
      }),
    ],
  });
  // Rows written again as they are: the same answer for every allowed caller.
  const STATS: Record<string, object[]> = {
    population: [{ region: 'KZ-75', year: 2039, population: 2_000_000, source: 'matrix' }],
    wages: [{ region: 'KZ-75', activity: '', year: 2039, monthlyWageKzt: 300_000, source: 'matrix' }],
    'working-time': [{ year: 2039, monthlyHours: 160, annualHours: 1900, source: 'matrix' }],
  };
  const reference: Entry[] = [
    readReference('/api/reference/territories'),
    editReference('PUT', '/api/reference/territories/{code}', 200, () => ({
      url: '/api/reference/territories/KZ-75',
      payload: { tileX: w.tileX },
    })),
    readReference('/api/reference/code-lists'),
    readReference('/api/reference/code-lists/{list}', '/api/reference/code-lists/area'),
    editReference('POST', '/api/reference/code-lists/{list}', 201, () => ({
      url: '/api/reference/code-lists/rfo_support',
      payload: { ...codeItem, code: `matrix_${fresh()}` },
    })),
    editReference('PUT', '/api/reference/code-lists/{list}/{code}', 201, () => ({
      url: `/api/reference/code-lists/rfo_support/matrix_${fresh()}`,
      payload: codeItem,
    })),
    ...Object.entries(STATS).flatMap(([path, rows]) => [
      readReference(`/api/reference/${path}`),
      ...(['PUT', 'POST'] as const).map((method) =>
        editReference(method, `/api/reference/${path}`, 200, () => ({
          url: `/api/reference/${path}`,
          payload: rows,
        })),
      ),
    ]),
  ];

  // --- reports: published figures for everyone; provisional ones by the policy ---------------------
  // An anonymous caller asking for provisional figures gets 403, not 401: the routes are public
  // and say so in their contract (test/reports.render.test.ts, test/dashboard.charts.test.ts).
  // A report's region is a filter, not the resource: a report without one covers every region, so
  // the policy is asked about provisional figures at all ({}), whichever region is named.
  const report = (path: string, url: string, regionQuery: boolean): Entry => {
    const sep = url.includes('?') ? '&' : '?';
    return {
      method: 'GET',
      path,
      variants: [
        unscoped({ name: 'published', access: 'public', success: [200], build: async () => get(url) }),
        regionQuery
          ? scoped({
              name: 'provisional, region',
              access: 'reports.provisional',
              success: [200],
              anonymous: 403,
              build: async (side) => get(`${url}${sep}region=${regionOf(side)}&provisional=true`),
            })
          : unscoped({
              name: 'provisional',
              access: 'reports.provisional',
              success: [200],
              anonymous: 403,
              build: async () => get(`${url}${sep}provisional=true`),
            }),
      ],
    };
  };
  const reports: Entry[] = [
    report('/api/reports/annual/{year}', `/api/reports/annual/${YEAR}`, false),
    report('/api/reports/annual/{year}.html', `/api/reports/annual/${YEAR}.html`, false),
    report('/api/reports/annual/{year}.xlsx', `/api/reports/annual/${YEAR}.xlsx`, false),
    report('/api/reports/annual/{year}.docx', `/api/reports/annual/${YEAR}.docx`, false),
    report('/api/reports/half-year/{period}', `/api/reports/half-year/${YEAR}-H1`, false),
    report('/api/reports/half-year/{period}.html', `/api/reports/half-year/${YEAR}-H1.html`, false),
    report('/api/reports/monthly/{period}', `/api/reports/monthly/${OPEN_MONTH}`, true),
    report('/api/reports/monthly/{period}.html', `/api/reports/monthly/${OPEN_MONTH}.html`, true),
    report('/api/reports/data-quality/{year}', `/api/reports/data-quality/${YEAR}`, false),
    report('/api/dashboard', `/api/dashboard?year=${YEAR}`, true),
    report('/api/dashboard/charts/{name}', `/api/dashboard/charts/monthly?year=${YEAR}`, true),
  ];

  // --- stocks ------------------------------------------------------------------------------------
  const stocks: Entry[] = (['volunteers', 'org-counts'] as const).flatMap((what): Entry[] => [
    {
      method: 'GET',
      path: `/api/${what}/{region}/{period}`,
      variants: [
        scoped({
          access: 'stocks.read',
          success: [200],
          build: async (side) => get(`/api/${what}/${regionOf(side)}/${YEAR}`, { region: regionOf(side) }),
        }),
      ],
    },
    {
      method: 'PUT',
      path: `/api/${what}/{region}/{period}`,
      variants: [
        scoped({
          access: 'region.write',
          success: [200],
          build: async (side) => ({
            url: `/api/${what}/${regionOf(side)}/${freshMonth()}`,
            payload:
              what === 'volunteers'
                ? { updatedAt: null, rows: [{ dimension: 'total', category: '', volunteers: 10 }] }
                : { npo: 2, initiativeGroups: null, updatedAt: null },
            resource: { region: regionOf(side) },
          }),
        }),
      ],
    },
  ]);

  // --- submissions -------------------------------------------------------------------------------
  const decide = (action: 'accept' | 'return'): Entry => ({
    method: 'POST',
    path: `/api/submissions/{region}/{period}/${action}`,
    variants: [
      scoped({
        access: 'submissions.decide',
        success: [200],
        build: async (side) => {
          const region = regionOf(side);
          const period = freshMonth();
          const s = await w.asAdmin('POST', `/api/submissions/${region}/${period}/submit`, {
            version: 1,
            nothingToReport: true,
          });
          return {
            url: `/api/submissions/${region}/${period}/${action}`,
            payload: { version: s.version, comment: 'Please check the hours' },
            resource: { region },
          };
        },
      }),
    ],
  });
  const submissions: Entry[] = [
    {
      method: 'GET',
      path: '/api/submissions',
      variants: [
        scoped({
          name: 'region',
          access: 'submissions.read',
          success: [200],
          build: async (side) =>
            get(`/api/submissions?year=${YEAR}&region=${regionOf(side)}`, { region: regionOf(side) }),
        }),
        unscoped({
          name: 'no region',
          access: 'submissions.read',
          success: [200],
          build: async () => get(`/api/submissions?year=${YEAR}`),
        }),
      ],
    },
    {
      method: 'GET',
      path: '/api/submissions/matrix',
      variants: [
        unscoped({
          access: 'submissions.status',
          success: [200],
          build: async () => get(`/api/submissions/matrix?year=${YEAR}`),
        }),
      ],
    },
    {
      method: 'GET',
      path: '/api/submissions/{region}/{period}',
      variants: [
        scoped({
          access: 'submissions.read',
          success: [200],
          build: async (side) =>
            get(`/api/submissions/${regionOf(side)}/${OPEN_MONTH}`, { region: regionOf(side) }),
        }),
      ],
    },
    {
      method: 'GET',
      path: '/api/submissions/{region}/{period}/checks',
      variants: [
        scoped({
          access: 'submissions.read',
          success: [200],
          build: async (side) =>
            get(`/api/submissions/${regionOf(side)}/${OPEN_MONTH}/checks`, { region: regionOf(side) }),
        }),
      ],
    },
    {
      method: 'POST',
      path: '/api/submissions/{region}/{period}/submit',
      variants: [
        scoped({
          access: 'submissions.submit',
          success: [200],
          build: async (side) => ({
            url: `/api/submissions/${regionOf(side)}/${freshMonth()}/submit`,
            // a fresh month has nothing entered: handed in as "nothing to report"
            payload: { version: 1, nothingToReport: true },
            resource: { region: regionOf(side) },
          }),
        }),
      ],
    },
    decide('accept'),
    decide('return'),
    {
      method: 'POST',
      path: '/api/submissions/{region}/{period}/reopen',
      variants: [
        scoped({
          access: 'submissions.decide',
          success: [200],
          build: async (side) => {
            const region = regionOf(side);
            const period = freshMonth();
            const s = await w.asAdmin('POST', `/api/submissions/${region}/${period}/submit`, {
              version: 1,
              nothingToReport: true,
            });
            const a = await w.asAdmin('POST', `/api/submissions/${region}/${period}/accept`, {
              version: s.version,
            });
            return {
              url: `/api/submissions/${region}/${period}/reopen`,
              payload: { version: a.version, reason: 'Hours of one event were entered twice' },
              resource: { region },
            };
          },
        }),
      ],
    },
    {
      method: 'GET',
      path: '/api/submissions/inbox',
      variants: [
        unscoped({
          access: 'submissions.decide',
          success: [200],
          build: async () => get('/api/submissions/inbox'),
        }),
      ],
    },
    {
      method: 'POST',
      path: '/api/submissions/accept',
      variants: [
        unscoped({
          access: 'submissions.decide',
          success: [200],
          build: async () => {
            const period = freshMonth();
            const s = await w.asAdmin('POST', `/api/submissions/${OWN_REGION}/${period}/submit`, {
              version: 1,
              nothingToReport: true,
            });
            return {
              url: '/api/submissions/accept',
              payload: { items: [{ region: OWN_REGION, period, version: s.version }] },
              resource: {},
            };
          },
        }),
      ],
    },
    {
      method: 'GET',
      path: '/api/submissions/{region}/{period}/comments',
      variants: [
        scoped({
          access: 'submissions.comment',
          success: [200],
          build: async (side) =>
            get(`/api/submissions/${regionOf(side)}/${OPEN_MONTH}/comments`, { region: regionOf(side) }),
        }),
      ],
    },
    {
      method: 'POST',
      path: '/api/submissions/{region}/{period}/comments',
      variants: [
        scoped({
          access: 'submissions.comment',
          success: [201],
          build: async (side) => ({
            url: `/api/submissions/${regionOf(side)}/${OPEN_MONTH}/comments`,
            payload: { text: 'Please check the hours of the <b>second</b> event' },
            resource: { region: regionOf(side) },
          }),
        }),
      ],
    },
  ];

  // --- system, sign-in, accounts -------------------------------------------------------------------
  let target: Promise<{ id: number }> | undefined;
  let invited: Promise<{ id: number }> | undefined;
  const system: Entry[] = [
    {
      method: 'GET',
      path: '/api/health',
      variants: [unscoped({ access: 'public', success: [200], build: async () => get('/api/health') })],
    },
    {
      method: 'GET',
      path: '/api/ready',
      variants: [unscoped({ access: 'public', success: [200], build: async () => get('/api/ready') })],
    },
    {
      method: 'POST',
      path: '/api/auth/login',
      variants: [
        unscoped({
          access: 'public',
          success: [200],
          ownSession: true,
          build: async () => ({ url: '/api/auth/login', payload: w.login, resource: {} }),
        }),
      ],
    },
    {
      method: 'POST',
      path: '/api/auth/logout',
      variants: [
        unscoped({
          access: 'public',
          success: [204],
          ownSession: true,
          build: async () => ({ url: '/api/auth/logout', resource: {} }),
        }),
      ],
    },
    {
      method: 'GET',
      path: '/api/auth/me',
      variants: [unscoped({ access: 'signed-in', success: [200], build: async () => get('/api/auth/me') })],
    },
    {
      method: 'GET',
      path: '/api/auth/me/preferences',
      variants: [
        unscoped({ access: 'signed-in', success: [200], build: async () => get('/api/auth/me/preferences') }),
      ],
    },
    {
      method: 'PATCH',
      path: '/api/auth/me/preferences',
      variants: [
        unscoped({
          access: 'signed-in',
          success: [200],
          // Each caller's own settings, set to what they are (nothing changes for the next cell).
          build: async () => ({
            url: '/api/auth/me/preferences',
            payload: { notifyOptional: true },
            resource: {},
          }),
        }),
      ],
    },
    {
      method: 'GET',
      path: '/api/auth/session',
      variants: [unscoped({ access: 'public', success: [200], build: async () => get('/api/auth/session') })],
    },
    {
      method: 'GET',
      path: '/api/users',
      variants: [unscoped({ access: 'users.manage', success: [200], build: async () => get('/api/users') })],
    },
    {
      method: 'POST',
      path: '/api/users',
      variants: [
        unscoped({
          access: 'users.manage',
          success: [201],
          build: async () => ({
            url: '/api/users',
            payload: { email: `matrix-${fresh()}@test.kz`, password: 'long-enough-password', role: 'viewer' },
            resource: {},
          }),
        }),
      ],
    },
    {
      method: 'PATCH',
      path: '/api/users/{id}',
      variants: [
        unscoped({
          access: 'users.manage',
          success: [200],
          // One account, given the same name each time (a new one per cell would hash a password).
          build: async () => {
            target ??= w.asAdmin('POST', '/api/users', {
              email: 'matrix-target@test.kz',
              password: 'long-enough-password',
              role: 'viewer',
            });
            const u = await target;
            return { url: `/api/users/${u.id}`, payload: { displayName: 'Renamed' }, resource: {} };
          },
        }),
      ],
    },
    {
      method: 'POST',
      path: '/api/users/invite',
      variants: [
        unscoped({
          access: 'users.manage',
          success: [201],
          build: async () => ({
            url: '/api/users/invite',
            payload: { email: `matrix-invite-${fresh()}@test.kz`, role: 'viewer', lang: 'ru' },
            resource: {},
          }),
        }),
      ],
    },
    {
      method: 'POST',
      path: '/api/users/{id}/invite',
      variants: [
        unscoped({
          access: 'users.manage',
          success: [200],
          // One invited account, invited again by each allowed caller (a new link each time).
          build: async () => {
            invited ??= w.asAdmin('POST', '/api/users/invite', {
              email: 'matrix-invited@test.kz',
              role: 'viewer',
              lang: 'en',
            });
            const u = await invited;
            return { url: `/api/users/${u.id}/invite`, payload: { lang: 'kk' }, resource: {} };
          },
        }),
      ],
    },
    {
      method: 'POST',
      path: '/api/auth/forgot',
      variants: [
        unscoped({
          access: 'public',
          success: [202],
          build: async () => ({
            url: '/api/auth/forgot',
            payload: { email: `matrix-forgot-${fresh()}@test.kz`, lang: 'en' },
            resource: {},
          }),
        }),
      ],
    },
    {
      method: 'POST',
      path: '/api/auth/set-password',
      variants: [
        unscoped({
          access: 'public',
          success: [200],
          // A fresh invitation for each cell: its link's token, read from the outbox.
          build: async () => {
            const email = `matrix-set-${fresh()}@test.kz`;
            await w.asAdmin('POST', '/api/users/invite', { email, role: 'viewer', lang: 'en' });
            const token = await w.linkToken(email);
            if (!token) throw new Error(`no invitation to ${email} in the outbox`);
            return {
              url: '/api/auth/set-password',
              payload: { token: decodeURIComponent(token), password: 'long-enough-password' },
              resource: {},
            };
          },
        }),
      ],
    },
    {
      method: 'POST',
      path: '/api/auth/password',
      variants: [
        unscoped({
          access: 'signed-in',
          // The table knows no caller's password, and a change would end the caller's other
          // sessions: a wrong current password shows the caller got past access to the check.
          success: [400],
          build: async () => ({
            url: '/api/auth/password',
            payload: { current: 'not-the-password', next: 'long-enough-password' },
            resource: {},
          }),
        }),
      ],
    },
  ];

  // --- the platform's volunteers (test/platform.volunteers.test.ts) -------------------------------
  const volunteers: Entry[] = [
    {
      method: 'POST',
      path: '/api/platform/volunteers',
      variants: [
        unscoped({
          access: 'public',
          success: [201],
          // Signing up replaces the caller's session, as signing in does.
          ownSession: true,
          build: async () => ({
            url: '/api/platform/volunteers',
            payload: volunteerRegistration(`matrix-volunteer-${fresh()}@test.kz`),
            resource: {},
          }),
        }),
      ],
    },
    {
      method: 'POST',
      path: '/api/platform/volunteers/confirm',
      variants: [
        unscoped({
          access: 'public',
          success: [200],
          build: async () => ({
            url: '/api/platform/volunteers/confirm',
            payload: { token: (await w.newVolunteer()).confirmToken },
            resource: {},
          }),
        }),
      ],
    },
    {
      method: 'POST',
      path: '/api/platform/guardian-consent',
      variants: [
        unscoped({
          access: 'public',
          success: [200],
          build: async () => ({
            url: '/api/platform/guardian-consent',
            payload: { token: (await w.newVolunteer()).guardianToken },
            resource: {},
          }),
        }),
      ],
    },
    {
      method: 'GET',
      path: '/api/platform/volunteers/me',
      variants: [
        unscoped({
          access: 'volunteers.self',
          success: [200],
          build: async () => get('/api/platform/volunteers/me'),
        }),
      ],
    },
    {
      method: 'PATCH',
      path: '/api/platform/volunteers/me',
      variants: [
        unscoped({
          access: 'volunteers.self',
          success: [200],
          // The volunteer's own skills, set to the same each time.
          build: async () => ({
            url: '/api/platform/volunteers/me',
            payload: { skills: ['first aid'] },
            resource: {},
          }),
        }),
      ],
    },
    {
      method: 'GET',
      path: '/api/platform/volunteers/me/export',
      variants: [
        unscoped({
          access: 'volunteers.self',
          success: [200],
          build: async () => get('/api/platform/volunteers/me/export'),
        }),
      ],
    },
    {
      method: 'DELETE',
      path: '/api/platform/volunteers/me',
      variants: [
        unscoped({
          access: 'volunteers.self',
          success: [204],
          // Erasure ends the account: the volunteer caller erases a new volunteer of its own.
          build: async (_side, caller) => ({
            url: '/api/platform/volunteers/me',
            resource: {},
            ...(caller === 'volunteer' ? { headers: (await w.newVolunteer()).headers } : {}),
          }),
        }),
      ],
    },
  ];

  // --- the platform's organisations: public registration, the front office's queue and decisions ---
  /** A fresh organisation of the side's region on the platform, pending or verified. */
  const platformOrg = async (side: Side, verified: boolean): Promise<number> => {
    const r = await w.registerOrg(platformRegistration(regionOf(side), fresh()));
    const id = r.organization.id as number;
    if (verified)
      await w.asAdmin('POST', `/api/platform/organizations/${id}/verify`, { decision: 'verified' });
    return id;
  };
  const platform: Entry[] = [
    {
      method: 'POST',
      path: '/api/platform/organizations',
      variants: [
        unscoped({
          access: 'public',
          success: [201],
          // The new coordinator is signed in: a session the caller sent along ends.
          ownSession: true,
          build: async () => ({
            url: '/api/platform/organizations',
            payload: platformRegistration(OWN_REGION, fresh()),
            resource: {},
          }),
        }),
      ],
    },
    {
      method: 'GET',
      path: '/api/platform/organizations',
      variants: [
        scoped({
          name: 'region',
          access: 'platform.orgs.moderate',
          success: [200],
          build: async (side) =>
            get(`/api/platform/organizations?status=pending&region=${regionOf(side)}`, {
              region: regionOf(side),
            }),
        }),
        unscoped({
          access: 'platform.orgs.moderate',
          success: [200],
          build: async () => get('/api/platform/organizations?status=pending'),
        }),
      ],
    },
    {
      method: 'GET',
      path: '/api/platform/organizations/mine',
      variants: [
        unscoped({
          access: 'signed-in',
          // None of the table's callers registered an organisation on the platform: 404 shows the
          // caller got past access to the lookup (test/platform.organizations.test.ts reads one).
          success: [404],
          build: async () => get('/api/platform/organizations/mine'),
        }),
      ],
    },
    {
      method: 'POST',
      path: '/api/platform/organizations/{id}/verify',
      variants: [
        scoped({
          access: 'platform.orgs.moderate',
          success: [200],
          build: async (side) => ({
            url: `/api/platform/organizations/${await platformOrg(side, false)}/verify`,
            payload: { decision: 'verified' },
            resource: { region: regionOf(side) },
          }),
        }),
      ],
    },
    {
      method: 'POST',
      path: '/api/platform/organizations/{id}/suspend',
      variants: [
        scoped({
          access: 'platform.orgs.moderate',
          success: [200],
          build: async (side) => ({
            url: `/api/platform/organizations/${await platformOrg(side, true)}/suspend`,
            payload: { reason: 'Matrix check' },
            resource: { region: regionOf(side) },
          }),
        }),
      ],
    },
  ];

  // --- the platform's opportunities (test/platform.opportunities.test.ts) ------------------------
  // The table's coordinators' organisations are not on the platform: an allowed caller creating
  // one gets 409 organization_not_on_platform; the transitions are asked about an opportunity that
  // does not exist (404 past access). Own and foreign opportunities are in test/auth.scope.test.ts
  // and test/platform.opportunities.test.ts.
  const NO_OPPORTUNITY = 2147483000;
  const opportunity = {
    title: 'Matrix opportunity',
    description: 'Matrix check',
    area: 'bilim',
    region: OWN_REGION,
    format: 'offline',
    shifts: [{ start: '2031-05-01T10:00:00+05:00', end: '2031-05-01T12:00:00+05:00', capacity: 3 }],
  };
  const transition = (action: string, payload?: object): Entry => ({
    method: 'POST',
    path: `/api/platform/opportunities/{id}/${action}`,
    variants: [
      unscoped({
        access: 'platform.opportunities.manage',
        success: [404],
        build: async () => ({
          url: `/api/platform/opportunities/${NO_OPPORTUNITY}/${action}`,
          ...(payload ? { payload } : {}),
          resource: {},
        }),
      }),
    ],
  });
  const opportunities: Entry[] = [
    {
      method: 'POST',
      path: '/api/platform/opportunities',
      variants: [
        unscoped({
          access: 'platform.opportunities.manage',
          success: [409],
          build: async () => ({ url: '/api/platform/opportunities', payload: opportunity, resource: {} }),
        }),
      ],
    },
    {
      method: 'GET',
      path: '/api/platform/opportunities',
      variants: [
        unscoped({
          access: 'public',
          success: [200],
          build: async () => get(`/api/platform/opportunities?region=${OWN_REGION}&limit=5`),
        }),
      ],
    },
    {
      method: 'GET',
      path: '/api/platform/opportunities/{id}',
      variants: [
        unscoped({
          access: 'public',
          success: [404],
          build: async () => get(`/api/platform/opportunities/${NO_OPPORTUNITY}`),
        }),
      ],
    },
    transition('publish'),
    transition('close'),
    transition('cancel', { reason: 'Matrix check' }),
    {
      // The coordinator's own list: the table's coordinator's organisation has none (200, empty).
      method: 'GET',
      path: '/api/platform/opportunities/mine',
      variants: [
        unscoped({
          access: 'platform.opportunities.manage',
          success: [200],
          build: async () => get('/api/platform/opportunities/mine'),
        }),
      ],
    },
  ];

  // --- applications, attendance and disputes (test/platform.applications.test.ts,
  // test/platform.attendance.test.ts): asked about ids that do not exist, so that an allowed caller
  // gets 404 past access; own and foreign ones are in those tests and test/auth.scope.test.ts.
  const NO_ID = 2147483001;
  const none = (
    method: Entry['method'],
    path: string,
    access: Variant['access'],
    payload?: object,
  ): Entry => ({
    method,
    path,
    variants: [
      unscoped({
        access,
        success: [404],
        build: async () => ({
          url: path.replace('{id}', String(NO_ID)),
          ...(payload ? { payload } : {}),
          resource: {},
        }),
      }),
    ],
  });
  const assessments: Entry[] = [
    none('POST', '/api/platform/applications/{id}/assessment', 'platform.opportunities.manage', {
      reliability: 4,
      skills: 4,
      teamwork: 4,
    }),
    {
      method: 'GET',
      path: '/api/platform/volunteers/me/assessments',
      variants: [
        unscoped({
          access: 'volunteers.self',
          success: [200],
          build: async () => get('/api/platform/volunteers/me/assessments'),
        }),
      ],
    },
    none('POST', '/api/platform/assessments/{id}/contest', 'volunteers.self', { text: 'Matrix check' }),
    {
      method: 'GET',
      path: '/api/platform/assessment-contests',
      variants: [
        unscoped({
          access: 'platform.disputes.settle',
          success: [200],
          build: async () => get('/api/platform/assessment-contests'),
        }),
      ],
    },
    none('POST', '/api/platform/assessments/{id}/settle', 'platform.disputes.settle', {
      decision: 'rejected',
      note: 'Matrix check',
    }),
    none('POST', '/api/platform/applications/{id}/rating', 'volunteers.self', { rating: 4 }),
    none('GET', '/api/platform/organizations/{id}/public', 'public'),
    {
      method: 'GET',
      path: '/api/platform/volunteers/me/visibility',
      variants: [
        unscoped({
          access: 'volunteers.self',
          success: [200],
          build: async () => get('/api/platform/volunteers/me/visibility'),
        }),
      ],
    },
    {
      method: 'PUT',
      path: '/api/platform/volunteers/me/visibility',
      variants: [
        unscoped({
          access: 'volunteers.self',
          success: [200],
          build: async () => ({
            url: '/api/platform/volunteers/me/visibility',
            payload: { findable: false },
            resource: {},
          }),
        }),
      ],
    },
    {
      // The table's coordinators are not platform coordinators of a verified organisation: their
      // registry organisation passes the policy (test/platform.finding.test.ts searches for real).
      method: 'GET',
      path: '/api/platform/volunteers/search',
      variants: [
        unscoped({
          access: 'platform.opportunities.manage',
          success: [200],
          build: async () => get('/api/platform/volunteers/search?region=KZ-75'),
        }),
      ],
    },
    none('POST', '/api/platform/opportunities/{id}/invitations', 'platform.opportunities.manage', {
      volunteer: 1,
    }),
    // Impact (test/platform.impact.test.ts reports and answers for real).
    none('GET', '/api/platform/opportunities/{id}/impact', 'platform.opportunities.manage'),
    none('PUT', '/api/platform/opportunities/{id}/impact', 'platform.opportunities.manage', {
      outcome: 'Matrix check',
      beneficiaries: [{ type: 'children', count: 1 }],
    }),
    none('POST', '/api/platform/applications/{id}/survey', 'volunteers.self', {
      satisfaction: 4,
      skillsGained: 4,
      wouldReturn: 4,
      belonging: 4,
    }),
    {
      method: 'GET',
      path: '/api/platform/volunteers/me/surveys',
      variants: [
        unscoped({
          access: 'volunteers.self',
          success: [200],
          build: async () => get('/api/platform/volunteers/me/surveys'),
        }),
      ],
    },
  ];
  const recordBook: Entry[] = [
    {
      method: 'GET',
      path: '/api/platform/volunteers/me/record-book',
      variants: [
        unscoped({
          access: 'volunteers.self',
          success: [200],
          build: async () => get('/api/platform/volunteers/me/record-book'),
        }),
      ],
    },
    {
      // The table's volunteer has no confirmed hours: 409 record_book_empty past access
      // (test/platform.record-book.test.ts issues real ones).
      method: 'POST',
      path: '/api/platform/volunteers/me/certificates',
      variants: [
        unscoped({
          access: 'volunteers.self',
          success: [409],
          build: async () => ({
            url: '/api/platform/volunteers/me/certificates',
            payload: { lang: 'ru' },
            resource: {},
          }),
        }),
      ],
    },
    ...(['pdf', 'docx'] as const).map(
      (format): Entry => ({
        method: 'GET',
        path: `/api/platform/volunteers/me/certificates/{code}.${format}`,
        variants: [
          unscoped({
            access: 'volunteers.self',
            success: [404],
            build: async () => get(`/api/platform/volunteers/me/certificates/AAAA-BBBB-CCCC-DDDD.${format}`),
          }),
        ],
      }),
    ),
    {
      method: 'GET',
      path: '/api/verify/{code}',
      variants: [
        unscoped({
          access: 'public',
          success: [404],
          build: async () => get('/api/verify/AAAA-BBBB-CCCC-DDDD'),
        }),
      ],
    },
  ];
  const applications: Entry[] = [
    none('POST', '/api/platform/shifts/{id}/applications', 'volunteers.self'),
    {
      method: 'GET',
      path: '/api/platform/volunteers/me/applications',
      variants: [
        unscoped({
          access: 'volunteers.self',
          success: [200],
          build: async () => get('/api/platform/volunteers/me/applications'),
        }),
      ],
    },
    none('GET', '/api/platform/opportunities/{id}/applications', 'platform.opportunities.manage'),
    none('POST', '/api/platform/applications/{id}/accept', 'platform.opportunities.manage'),
    none('POST', '/api/platform/applications/{id}/decline', 'platform.opportunities.manage', {
      reason: 'other',
    }),
    none('POST', '/api/platform/applications/{id}/withdraw', 'volunteers.self', {}),
    none('POST', '/api/platform/applications/{id}/take-offer', 'volunteers.self'),
    none('POST', '/api/platform/applications/{id}/attendance', 'platform.opportunities.manage', {
      attended: false,
    }),
    none('POST', '/api/platform/shifts/{id}/attendance', 'platform.opportunities.manage', {
      entries: [{ application: 1, attended: false }],
    }),
    none('POST', '/api/platform/applications/{id}/correction', 'platform.opportunities.manage', {
      attended: false,
      reason: 'Matrix check',
    }),
    none('POST', '/api/platform/applications/{id}/revoke', 'platform.opportunities.manage', {
      reason: 'Matrix check',
    }),
    none('POST', '/api/platform/applications/{id}/dispute', 'volunteers.self', { text: 'Matrix check' }),
    {
      method: 'GET',
      path: '/api/platform/disputes',
      variants: [
        scoped({
          access: 'platform.disputes.settle',
          success: [200],
          build: async (side) =>
            get(`/api/platform/disputes?region=${regionOf(side)}`, { region: regionOf(side) }),
        }),
      ],
    },
    none('POST', '/api/platform/disputes/{id}/settle', 'platform.disputes.settle', {
      decision: 'rejected',
      note: 'Matrix check',
    }),
  ];

  // --- the platform in the statistics (test/platform.stats.test.ts) ------------------------------
  // The answer to a probable duplicate is asked about records that do not exist (404 past access);
  // a real pair of each region is in test/auth.scope.test.ts and test/platform.stats.test.ts.
  const platformStats: Entry[] = [
    {
      method: 'POST',
      path: '/api/platform/duplicates',
      variants: [
        unscoped({
          access: 'platform.duplicates.resolve',
          success: [404],
          build: async () => ({
            url: '/api/platform/duplicates',
            payload: { platformRecord: NO_OPPORTUNITY, record: NO_OPPORTUNITY + 1 },
            resource: {},
          }),
        }),
      ],
    },
    {
      method: 'GET',
      path: '/api/dashboard/platform',
      variants: [
        unscoped({
          access: 'public',
          success: [200],
          build: async () => get(`/api/dashboard/platform?region=${OWN_REGION}`),
        }),
      ],
    },
  ];

  // --- award candidates from the record book (test/awards.candidates.test.ts) ----------------------
  const awards: Entry[] = [
    {
      method: 'GET',
      path: '/api/awards/candidates/volunteers',
      variants: [
        scoped({
          access: 'awards.candidates',
          success: [200],
          build: async (side) =>
            get(`/api/awards/candidates/volunteers?region=${regionOf(side)}&period=${YEAR}-H1`, {
              region: regionOf(side),
            }),
        }),
      ],
    },
  ];

  // --- the information centre's appeals (test/appeals.test.ts) ---------------------------------
  const appealBody = (side: Side) => ({
    channel: 'phone',
    topic: 'consultation',
    related: true,
    region: regionOf(side),
    text: `Matrix check ${fresh()}`,
    lang: 'ru',
  });
  /** A fresh appeal of the side's region, registered by the national admin: new, in progress or closed. */
  const appealOf = async (side: Side, status: 'new' | 'in_progress' | 'closed' = 'new') => {
    const { id } = await w.asAdmin('POST', '/api/appeals', appealBody(side));
    if (status === 'in_progress') {
      const { items } = await w.asAdmin('GET', `/api/appeals/${id}/assignees`);
      await w.asAdmin('POST', `/api/appeals/${id}/assign`, { assignee: items[0].id });
    }
    if (status === 'closed') await w.asAdmin('POST', `/api/appeals/${id}/close`, { reason: 'spam' });
    return id as number;
  };
  const appealStep = (
    step: string,
    status: 'new' | 'in_progress' | 'closed',
    payload: (id: number) => Promise<object>,
  ): Entry => ({
    method: 'POST',
    path: `/api/appeals/{id}/${step}`,
    variants: [
      scoped({
        access: 'appeals.work',
        success: [200],
        build: async (side) => {
          const id = await appealOf(side, status);
          return {
            url: `/api/appeals/${id}/${step}`,
            payload: await payload(id),
            resource: { region: regionOf(side) },
          };
        },
      }),
    ],
  });
  const appealRead = (path: string): Entry => ({
    method: 'GET',
    path,
    variants: [
      scoped({
        access: 'appeals.work',
        success: [200],
        build: async (side) =>
          get(path.replace('{id}', String(await appealOf(side))), { region: regionOf(side) }),
      }),
    ],
  });
  const appeals: Entry[] = [
    {
      method: 'GET',
      path: '/api/appeals/form',
      variants: [unscoped({ access: 'public', success: [200], build: async () => get('/api/appeals/form') })],
    },
    {
      method: 'POST',
      path: '/api/appeals/public',
      variants: [
        unscoped({
          access: 'public',
          success: [201],
          build: async () => ({
            url: '/api/appeals/public',
            // Issued ten seconds ago: as a person who filled the form in.
            payload: {
              ...appealBody('own'),
              channel: undefined,
              token: issueFormToken(new Date(Date.now() - 10_000)),
            },
            resource: {},
          }),
        }),
      ],
    },
    {
      method: 'GET',
      path: '/api/appeals',
      variants: [
        scoped({
          name: 'region',
          access: 'appeals.work',
          success: [200],
          build: async (side) => get(`/api/appeals?region=${regionOf(side)}`, { region: regionOf(side) }),
        }),
        unscoped({ access: 'appeals.work', success: [200], build: async () => get('/api/appeals') }),
      ],
    },
    {
      method: 'POST',
      path: '/api/appeals',
      variants: [
        scoped({
          access: 'appeals.work',
          success: [201],
          build: async (side) => ({
            url: '/api/appeals',
            payload: appealBody(side),
            resource: { region: regionOf(side) },
          }),
        }),
      ],
    },
    {
      method: 'GET',
      path: '/api/appeals/monthly',
      variants: [
        scoped({
          name: 'region',
          access: 'appeals.stats',
          success: [200],
          build: async (side) =>
            get(`/api/appeals/monthly?year=${YEAR}&region=${regionOf(side)}`, { region: regionOf(side) }),
        }),
        unscoped({
          access: 'appeals.stats',
          success: [200],
          build: async () => get(`/api/appeals/monthly?year=${YEAR}`),
        }),
      ],
    },
    {
      method: 'GET',
      path: '/api/appeals/targets',
      variants: [
        unscoped({ access: 'appeals.stats', success: [200], build: async () => get('/api/appeals/targets') }),
      ],
    },
    editReference('PUT', '/api/appeals/targets', 200, () => ({
      url: '/api/appeals/targets',
      payload: { firstResponseHours: 24, resolutionHours: 360 },
    })),
    appealRead('/api/appeals/{id}'),
    appealRead('/api/appeals/{id}/assignees'),
    appealStep('assign', 'new', async (id) => {
      const { items } = await w.asAdmin('GET', `/api/appeals/${id}/assignees`);
      return { assignee: items[0].id };
    }),
    appealStep('answer', 'in_progress', async () => ({ text: 'Matrix check' })),
    appealStep('resolve', 'in_progress', async () => ({ answer: 'Matrix check', result: 'Matrix check' })),
    appealStep('close', 'new', async () => ({ reason: 'duplicate' })),
    appealStep('reopen', 'closed', async () => ({ note: 'Matrix check' })),
  ];

  // --- grants, the competition, the register (test/grants.test.ts, test/competition.test.ts) --------
  // A grant project of each side's organisation in its region, a round and an open call, made once;
  // writes that need a state the table's callers cannot reach (a call being scored, an application)
  // are asked about ids that do not exist (404 past access): the flows are in the modules' tests.
  const projectBody = (side: Side) => ({
    title: `Matrix project ${fresh()}`,
    organizationId: org(side).id,
    grantor: 'Matrix grantor',
    area: 'bilim',
    yearFrom: 2022,
    yearTo: 2024,
    regions: [regionOf(side)],
  });
  const projects: Partial<Record<'own' | 'foreign', Promise<{ id: number }>>> = {};
  const projectOf = (side: Side) =>
    (projects[side2(side)] ??= w.asAdmin('POST', '/api/grants/projects', projectBody(side)));
  let round: Promise<{ id: number }> | undefined;
  const roundOnce = () =>
    (round ??= w.asAdmin('POST', '/api/grants/rounds', { title: 'Matrix round', year: 2023 }));
  let openCall: Promise<{ id: number }> | undefined;
  let years = 0;
  const callBody = (year: number) => ({
    year,
    title: `Matrix call ${year}`,
    grantor: 'Matrix grantor',
    budgetCapKzt: 1_000_000,
    reportDue: `${year + 1}-01-31`,
    quotas: [{ region: OWN_REGION, quota: 10, budgetKzt: 10_000_000 }],
  });
  const callOnce = () => (openCall ??= w.asAdmin('POST', '/api/competition/calls', callBody(2059)));
  const grants: Entry[] = [
    {
      method: 'GET',
      path: '/api/register',
      variants: [unscoped({ access: 'public', success: [200], build: async () => get('/api/register') })],
    },
    {
      method: 'POST',
      path: '/api/register',
      variants: [
        unscoped({
          access: 'register.manage',
          success: [201],
          build: async () => ({
            url: '/api/register',
            payload: {
              bin: platformRegistration(OWN_REGION, 7000 + fresh()).bin,
              name: 'Matrix implementer',
              decision: 'Matrix decision',
              decisionDate: '2025-01-15',
              documentRef: `Matrix order ${fresh()}`,
            },
            resource: {},
          }),
        }),
      ],
    },
    none('POST', '/api/register/{id}/remove', 'register.manage', { reason: 'Matrix check' }),
    {
      method: 'GET',
      path: '/api/grants/projects',
      variants: [
        scoped({
          name: 'region',
          access: 'grants.read',
          success: [200],
          build: async (side) =>
            get(`/api/grants/projects?region=${regionOf(side)}`, { region: regionOf(side) }),
        }),
        unscoped({
          name: 'no region',
          access: 'grants.read',
          success: [200],
          build: async () => get('/api/grants/projects'),
        }),
      ],
    },
    {
      method: 'POST',
      path: '/api/grants/projects',
      variants: [
        unscoped({
          access: 'grants.manage',
          success: [201],
          build: async () => ({ url: '/api/grants/projects', payload: projectBody('own'), resource: {} }),
        }),
      ],
    },
    {
      method: 'GET',
      path: '/api/grants/projects/{id}',
      variants: [
        scoped({
          access: 'grants.read',
          success: [200],
          build: async (side) => get(`/api/grants/projects/${(await projectOf(side)).id}`, orgResource(side)),
        }),
      ],
    },
    {
      method: 'PATCH',
      path: '/api/grants/projects/{id}',
      variants: [
        unscoped({
          access: 'grants.manage',
          success: [200],
          build: async () => {
            const p = await w.asAdmin('POST', '/api/grants/projects', projectBody('own'));
            return {
              url: `/api/grants/projects/${p.id}`,
              payload: { version: p.version, notes: 'Matrix check' },
              resource: {},
            };
          },
        }),
      ],
    },
    {
      // An empty report (nothing this month) of each side's project: the grantee's coordinator or the admin.
      method: 'PUT',
      path: '/api/grants/projects/{id}/reports/{period}',
      variants: [
        scoped({
          access: 'grants.report',
          success: [200],
          build: async (side) => ({
            url: `/api/grants/projects/${(await projectOf(side)).id}/reports/2023-01`,
            payload: { items: [] },
            resource: orgResource(side),
          }),
        }),
      ],
    },
    {
      method: 'GET',
      path: '/api/grants/rounds',
      variants: [
        unscoped({ access: 'grants.read', success: [200], build: async () => get('/api/grants/rounds') }),
      ],
    },
    {
      method: 'POST',
      path: '/api/grants/rounds',
      variants: [
        unscoped({
          access: 'grants.manage',
          success: [201],
          build: async () => ({
            url: '/api/grants/rounds',
            payload: { title: 'Matrix round', year: 2024 },
            resource: {},
          }),
        }),
      ],
    },
    {
      method: 'GET',
      path: '/api/grants/rounds/{id}',
      variants: [
        unscoped({
          access: 'grants.read',
          success: [200],
          build: async () => get(`/api/grants/rounds/${(await roundOnce()).id}`),
        }),
      ],
    },
    {
      method: 'PUT',
      path: '/api/grants/rounds/{id}/entries/{project}',
      variants: [
        unscoped({
          access: 'grants.manage',
          success: [200],
          build: async () => ({
            url: `/api/grants/rounds/${(await roundOnce()).id}/entries/${(await projectOf('own')).id}`,
            payload: { status: 'provided', comment: 'Matrix check' },
            resource: {},
          }),
        }),
      ],
    },
    {
      method: 'GET',
      path: '/api/competition/calls',
      variants: [
        unscoped({
          access: 'competition.read',
          success: [200],
          build: async () => get('/api/competition/calls'),
        }),
      ],
    },
    {
      method: 'POST',
      path: '/api/competition/calls',
      variants: [
        unscoped({
          access: 'competition.manage',
          success: [201],
          build: async () => ({
            url: '/api/competition/calls',
            payload: callBody(2060 + ++years),
            resource: {},
          }),
        }),
      ],
    },
    {
      method: 'GET',
      path: '/api/competition/calls/{id}',
      variants: [
        unscoped({
          access: 'competition.read',
          success: [200],
          build: async () => get(`/api/competition/calls/${(await callOnce()).id}`),
        }),
      ],
    },
    {
      method: 'PUT',
      path: '/api/competition/calls/{id}/quotas/{region}',
      variants: [
        unscoped({
          access: 'competition.manage',
          success: [200],
          build: async () => ({
            url: `/api/competition/calls/${(await callOnce()).id}/quotas/${FOREIGN_REGION}`,
            payload: { quota: 10, budgetKzt: 10_000_000 },
            resource: {},
          }),
        }),
      ],
    },
    none('POST', '/api/competition/calls/{id}/applications', 'competition.apply', {
      title: 'Matrix application',
      area: 'bilim',
      description: 'Matrix check',
      budgetKzt: 500_000,
      expectedVolunteers: 5,
      expectedBeneficiaries: 10,
    }),
    none('POST', '/api/competition/calls/{id}/close-applications', 'competition.manage'),
    none('POST', '/api/competition/calls/{id}/select', 'competition.manage'),
    none('PUT', '/api/competition/applications/{id}/score', 'competition.score', { score: 5 }),
  ];

  // --- letters of thanks and jury rounds (test/awards.letters.test.ts, test/awards.jury.test.ts) --
  // A choice names a volunteer with no hours anywhere: once access passes, 422 not_a_candidate.
  // Letters by id are asked about one that does not exist (404 past access); real ones of each
  // region are in test/auth.scope.test.ts. Rounds: one in scoring per side, the matrix's juror
  // seated on the own side's, another juror on the foreign side's; one taking nominations.
  let roundYear = 2000;
  const makeRound = async (status: 'nominating' | 'scoring', juror: number | null) => {
    const { id } = await w.asAdmin('POST', '/api/awards/rounds', {
      year: ++roundYear,
      title: `Matrix round ${roundYear}`,
      nominations: [{ scope: 'domestic', name: 'Matrix nomination', criteria: ['Impact'] }],
    });
    if (juror !== null)
      await w.asAdmin('POST', `/api/awards/rounds/${id}/jurors`, { user: juror, name: 'Matrix Juror' });
    const round = await w.asAdmin('GET', `/api/awards/rounds/${id}`);
    const nominee = async () =>
      (
        await w.asAdmin('POST', `/api/awards/rounds/${id}/nominees`, {
          nomination: round.nominations[0].id,
          region: OWN_REGION,
          name: 'Matrix Nominee',
          justification: 'A matrix nominee of its own',
        })
      ).id as number;
    // One nominee is scored, the other one gets the conflicts: a conflict would stop the scores.
    const scored = await nominee();
    const conflicted = await nominee();
    if (status === 'scoring')
      await w.asAdmin('POST', `/api/awards/rounds/${id}/status`, { status: 'scoring' });
    return { id: id as number, scored, conflicted, jurors: juror === null ? [] : [juror] };
  };
  const rounds = new Map<string, Promise<Awaited<ReturnType<typeof makeRound>>>>();
  const roundOf = (key: 'own' | 'foreign' | 'nominating') => {
    if (!rounds.has(key))
      rounds.set(
        key,
        makeRound(
          key === 'nominating' ? 'nominating' : 'scoring',
          key === 'nominating' ? null : w.jurors[key],
        ),
      );
    return rounds.get(key) as Promise<Awaited<ReturnType<typeof makeRound>>>;
  };
  const roundCell = (
    method: Entry['method'],
    path: string,
    access: Variant['access'],
    success: number,
    request: (r: Awaited<ReturnType<typeof makeRound>>) => { url: string; payload?: object },
  ): Entry => ({
    method,
    path,
    variants: [
      scoped({
        access,
        success: [success],
        build: async (side) => {
          const r = await roundOf(side2(side));
          return { ...request(r), resource: { jurors: r.jurors } };
        },
      }),
    ],
  });
  const awardRounds: Entry[] = [
    {
      method: 'GET',
      path: '/api/awards/candidates/organizations',
      variants: [
        scoped({
          access: 'awards.candidates',
          success: [200],
          build: async (side) =>
            get(`/api/awards/candidates/organizations?region=${regionOf(side)}&period=${YEAR}-H1`, {
              region: regionOf(side),
            }),
        }),
      ],
    },
    {
      method: 'GET',
      path: '/api/awards/letters',
      variants: [
        scoped({
          name: 'region',
          access: 'awards.letters.read',
          success: [200],
          build: async (side) =>
            get(`/api/awards/letters?region=${regionOf(side)}`, { region: regionOf(side) }),
        }),
        unscoped({
          name: 'no region',
          access: 'awards.letters.read',
          success: [200],
          build: async () => get('/api/awards/letters'),
        }),
      ],
    },
    {
      method: 'POST',
      path: '/api/awards/letters',
      variants: [
        scoped({
          access: 'awards.letters.choose',
          success: [422],
          build: async (side) => ({
            url: '/api/awards/letters',
            payload: { region: regionOf(side), period: `${YEAR}-H1`, volunteer: NO_ID },
            resource: { region: regionOf(side) },
          }),
        }),
      ],
    },
    none('DELETE', '/api/awards/letters/{id}', 'awards.letters.choose'),
    none('POST', '/api/awards/letters/{id}/decision', 'awards.letters.approve', { decision: 'approve' }),
    none('POST', '/api/awards/letters/{id}/issue', 'awards.letters.choose'),
    none('GET', '/api/awards/letters/{id}.pdf', 'awards.letters.read'),
    {
      method: 'GET',
      path: '/api/platform/volunteers/me/letters/{code}.pdf',
      variants: [
        unscoped({
          access: 'volunteers.self',
          success: [404],
          build: async () => get('/api/platform/volunteers/me/letters/AAAA-BBBB-CCCC-DDDD.pdf'),
        }),
      ],
    },
    {
      method: 'GET',
      path: '/api/awards/rounds',
      variants: [
        unscoped({
          access: 'awards.rounds.read',
          success: [200],
          build: async () => get('/api/awards/rounds'),
        }),
      ],
    },
    {
      method: 'POST',
      path: '/api/awards/rounds',
      variants: [
        unscoped({
          access: 'awards.rounds.manage',
          success: [201],
          build: async () => ({
            url: '/api/awards/rounds',
            payload: {
              year: ++roundYear,
              title: 'Matrix check',
              nominations: [{ scope: 'international', name: 'Matrix', criteria: ['Impact'] }],
            },
            resource: {},
          }),
        }),
      ],
    },
    roundCell('GET', '/api/awards/rounds/{id}', 'awards.rounds.read', 200, (r) => ({
      url: `/api/awards/rounds/${r.id}`,
    })),
    none('POST', '/api/awards/rounds/{id}/jurors', 'awards.rounds.manage', { user: 1 }),
    {
      method: 'POST',
      path: '/api/awards/rounds/{id}/nominees',
      variants: [
        scoped({
          access: 'awards.nominate',
          success: [201],
          build: async (side) => {
            const r = await roundOf('nominating');
            const round = await w.asAdmin('GET', `/api/awards/rounds/${r.id}`);
            return {
              url: `/api/awards/rounds/${r.id}/nominees`,
              payload: {
                nomination: round.nominations[0].id,
                region: regionOf(side),
                name: `Matrix nominee ${fresh()}`,
                justification: 'Entered by the matrix',
              },
              resource: { region: regionOf(side) },
            };
          },
        }),
      ],
    },
    roundCell('POST', '/api/awards/rounds/{id}/conflicts', 'awards.score', 201, (r) => ({
      url: `/api/awards/rounds/${r.id}/conflicts`,
      payload: { nominee: r.conflicted },
    })),
    roundCell('PUT', '/api/awards/rounds/{id}/scores', 'awards.score', 200, (r) => ({
      url: `/api/awards/rounds/${r.id}/scores`,
      payload: { nominee: r.scored, scores: [{ criterion: 0, score: 5 }] },
    })),
    none('POST', '/api/awards/rounds/{id}/status', 'awards.rounds.manage', { status: 'scoring' }),
    {
      method: 'GET',
      path: '/api/awards/results',
      variants: [
        unscoped({ access: 'public', success: [200], build: async () => get('/api/awards/results') }),
      ],
    },
    none('GET', '/api/awards/results/{id}', 'public'),
  ];

  return [
    ...activities,
    ...appeals,
    ...grants,
    ...platformStats,
    ...awards,
    ...awardRounds,
    ...audit,
    ...outbox,
    exportsEntry,
    templatesEntry,
    importsEntry,
    ...organizations,
    ...platform,
    ...opportunities,
    ...applications,
    ...recordBook,
    ...assessments,
    ...reference,
    ...reports,
    ...stocks,
    ...submissions,
    ...system,
    ...volunteers,
  ];
}
