// The grants' demo (issue 13 item 8):
// - the 2022 priority projects of the state grant programme as the 2022 report describes their data
//   provision (seed 001, "The work of priority projects"): four detailed answers (Ayala, Asyl Mura,
//   Qamqor, Sabaqtastyq), two obtained "after long negotiations" (Úmit, Silver volunteering), two
//   grantees that sent only the grantor's figures and refused further questions (Taza Álem,
//   Saýlyq), one unreachable (Bilim); the hours each gave are the report's ("at least 4500 hours"
//   …), Silver volunteering's derived from the report's total (45,182 h less the others: the report
//   leaves its figure blank). These are the round's figures, not activity records: the 2022 report
//   kept them outside the regions' data (its economic chapter adds them as unaccounted hours), so
//   the demo's 2022 totals stay the report's. The grantees' BINs and home regions are not in the
//   seeds: the projects are marked illustrative;
// - one illustrative entry of the register of unscrupulous grant implementers (the seeds recommend
//   the register; they name no one);
// - one "Zhana Bastama" call (seed 004: about 10 initiatives per region at about 1 million KZT),
//   last year's, run through the competition's own services at the times things would have
//   happened: four verified organisations apply, the commissions of Almaty and Astana score, the
//   winners are selected, two report their activities (records of their regions) and two are
//   flagged unreported. Marked illustrative.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/connection.ts';
import type { DB } from '../../db/schema.ts';
import { withCheckDigit } from '../../domain/ids.ts';
import { type Actor, NATIONAL_OFFICE } from '../../domain/policy.ts';
import { normalizeName } from '../../domain/text.ts';
import { refreshAggregates } from '../aggregates/aggregates.service.ts';
import {
  apply,
  closeApplications,
  createCall,
  score,
  selectCall,
} from '../competition/competition.service.ts';
import { reportProject } from '../grants/grantee-report.service.ts';
import { hashPassword } from '../users/passwords.ts';
import { DEMO_PASSWORD, REGION_CODES } from './demo.data.ts';

type Db = Kysely<DB> | Transaction<DB>;

export const DEMO_GRANTOR = 'NAO «Civic Initiatives Support Center» (CISC)';
// In Russian, the national office's working language, as the comments below: they are data, quoted
// in every language of the report.
export const DEMO_ROUND_TITLE = 'Мониторинг приоритетных проектов, 2022';

const NEGOTIATED = 'Данные получены после долгих переговоров.';
const DUPLICATED =
  'Предоставили только дубликаты цифр из отчётов грантодателю (ЦПГИ) и отказались отвечать на вопросы, нужные для оценки качественного характера волонтерской работы.';

/** The nine priority projects: title, area, grantee, its region, and the round's entry. */
const PROJECTS: {
  title: string;
  area: string;
  grantee: string;
  region: string;
  status: 'provided' | 'duplicated_grantor' | 'refused' | 'unreachable';
  hours: number | null;
  comment: string;
}[] = [
  {
    title: '«Birgemiz: Bilim»',
    area: 'bilim',
    grantee: 'NGO «Community of Youth Workers»',
    region: 'KZ-71',
    status: 'unreachable',
    hours: null,
    comment: 'Недоступны ни по одному виду связи; количественных данных о реализации проекта нет.',
  },
  {
    title: '«Birgemiz: Saýlyq»',
    area: 'saulyq',
    grantee: 'NGO «Medical Youth»',
    region: 'KZ-71',
    status: 'duplicated_grantor',
    hours: 4500,
    comment: DUPLICATED,
  },
  {
    title: '«Birgemiz: Taza Álem»',
    area: 'taza_alem',
    grantee: 'CF «Social Projects Fund»',
    region: 'KZ-71',
    status: 'duplicated_grantor',
    hours: 8500,
    comment: DUPLICATED,
  },
  {
    title: '«Birgemiz: Ayala»',
    area: 'ayala',
    grantee: 'NGO «Green Help»',
    region: 'KZ-71',
    status: 'provided',
    hours: 4200,
    comment: 'Подробные ответы.',
  },
  {
    title: '«Birgemiz: Qamqor»',
    area: 'qamqor',
    grantee: 'NGO Society of Disabled People «Marhabat.KZ»',
    region: 'KZ-71',
    status: 'provided',
    hours: 4000,
    comment: 'Подробные ответы.',
  },
  {
    title: '«Birgemiz: Sabaqtastyq»',
    area: 'sabaqtastyq',
    grantee: 'NGO «Board of Trustees of Educational Organization «QOLDAU»»',
    region: 'KZ-71',
    status: 'provided',
    hours: 7460,
    comment: 'Подробные ответы.',
  },
  {
    title: '«Birgemiz: Asyl Mura»',
    area: 'asyl_mura',
    grantee: 'OF «Danalyk»',
    region: 'KZ-71',
    status: 'provided',
    hours: 4722,
    comment: 'Подробные ответы.',
  },
  {
    title: '«Birgemiz: Úmit»',
    area: 'umit',
    grantee: 'Грантополучатель «Birgemiz: Úmit» (в отчёте не назван)',
    region: 'KZ-71',
    status: 'provided',
    hours: 8400,
    comment: NEGOTIATED,
  },
  {
    title: '«Silver volunteering»',
    area: 'other_social',
    grantee: 'Community Chest «Volunteers Kyzylorda»',
    region: 'KZ-43',
    status: 'provided',
    // The report leaves it blank: its total of at least 45,182 h less the other projects' hours.
    hours: 45182 - (4500 + 8500 + 4200 + 4000 + 8400 + 7460 + 4722),
    comment: `${NEGOTIATED} В отчёте цифра не указана: часы — его итог (45 182 ч) за вычетом других проектов.`,
  },
];

const demoBin = (i: number) => {
  for (let k = 0; ; k++) {
    const b = withCheckDigit(`22044009${String(i * 10 + k).padStart(3, '0')}`);
    if (b) return b;
  }
};

async function registryOrg(
  db: Db,
  o: { name: string; type: string; region: string; bin: string | null; now: string },
) {
  const key = normalizeName(o.name);
  const found = await db
    .selectFrom('organization')
    .select('id')
    .where('region', '=', o.region)
    .where('type', '=', o.type)
    .where('name_key', '=', key)
    .executeTakeFirst();
  if (found) return Number(found.id);
  const { id } = await db
    .insertInto('organization')
    .values({ name: o.name, name_key: key, type: o.type, bin: o.bin, region: o.region, created_at: o.now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(id);
}

/** What an earlier load of this demo wrote (the registry's organisations stay: it is shared). */
export async function removeGrantsDemo(trx: Transaction<DB>): Promise<void> {
  const calls = (
    await trx.selectFrom('competition_call').select('id').where('illustrative', '=', 1).execute()
  ).map((c) => Number(c.id));
  const apps = calls.length
    ? (
        await trx.selectFrom('competition_application').select('id').where('call_id', 'in', calls).execute()
      ).map((a) => Number(a.id))
    : [];
  const byTitle = await trx
    .selectFrom('grant_project')
    .select('id')
    .where('kind', '=', 'priority')
    .where('illustrative', '=', 1)
    .where('grantor', '=', DEMO_GRANTOR)
    .where(
      'title',
      'in',
      PROJECTS.map((p) => p.title),
    )
    .execute();
  const won = apps.length
    ? await trx.selectFrom('grant_project').select('id').where('application_id', 'in', apps).execute()
    : [];
  const projects = [...byTitle, ...won].map((p) => Number(p.id));
  if (projects.length) {
    const parts = await trx
      .selectFrom('activity')
      .select(['region', 'period'])
      .distinct()
      .where('grant_project_id', 'in', projects)
      .execute();
    await trx.deleteFrom('activity').where('grant_project_id', 'in', projects).execute();
    await refreshAggregates(trx, parts);
    await trx.deleteFrom('grant_round_entry').where('project_id', 'in', projects).execute();
    await trx.deleteFrom('grant_project_region').where('project_id', 'in', projects).execute();
    await trx.deleteFrom('grant_project').where('id', 'in', projects).execute();
  }
  const rounds = trx.selectFrom('grant_round').select('id').where('title', '=', DEMO_ROUND_TITLE);
  await trx.deleteFrom('grant_round_entry').where('round_id', 'in', rounds).execute();
  await trx.deleteFrom('grant_round').where('title', '=', DEMO_ROUND_TITLE).execute();
  if (apps.length) await trx.deleteFrom('competition_score').where('application_id', 'in', apps).execute();
  if (calls.length) {
    await trx.deleteFrom('competition_application').where('call_id', 'in', calls).execute();
    await trx.deleteFrom('competition_quota').where('call_id', 'in', calls).execute();
    await trx.deleteFrom('competition_call').where('id', 'in', calls).execute();
  }
  await trx.deleteFrom('grant_register_entry').where('illustrative', '=', 1).execute();
}

/** The 2022 priority projects, their round and the register's example: in the monitoring demo's transaction. */
export async function loadGrantsMonitoringDemo(trx: Transaction<DB>, now: string): Promise<number> {
  const created = '2022-02-01T04:00:00.000Z';
  const ids: number[] = [];
  for (const [i, p] of PROJECTS.entries()) {
    const org = await registryOrg(trx, {
      name: p.grantee,
      type: 'npo',
      region: p.region,
      bin: demoBin(i),
      now: created,
    });
    const { id } = await trx
      .insertInto('grant_project')
      .values({
        kind: 'priority',
        title: p.title,
        organization_id: org,
        grantor: DEMO_GRANTOR,
        area: p.area,
        year_from: 2022,
        year_to: 2024,
        amount_kzt: null,
        planned_volunteers: null,
        planned_hours: null,
        planned_events: null,
        planned_beneficiaries: null,
        notes:
          'Трёхлетний проект государственной грантовой программы (2022 — первый год). Иллюстративно: БИН и регион грантополучателя в исходных документах не указаны; сумма и плановые показатели неизвестны.',
        illustrative: 1,
        application_id: null,
        version: 1,
        created_at: created,
        updated_at: created,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.push(Number(id));
    await trx
      .insertInto('grant_project_region')
      .values(REGION_CODES.map((region) => ({ project_id: Number(id), region })))
      .execute();
  }
  const round = await trx
    .insertInto('grant_round')
    .values({ title: DEMO_ROUND_TITLE, year: 2022, created_at: '2023-01-20T04:00:00.000Z', created_by: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('grant_round_entry')
    .values(
      PROJECTS.map((p, i) => ({
        round_id: Number(round.id),
        project_id: ids[i] as number,
        status: p.status,
        comment: p.comment,
        volunteers: null,
        hours: p.hours,
        events: null,
        illustrative: 0,
        updated_at: '2023-03-01T04:00:00.000Z',
        updated_by: null,
      })),
    )
    .execute();
  await trx
    .insertInto('grant_register_entry')
    .values({
      bin: demoBin(20),
      name: 'LLP «Example Implementer» (illustrative)',
      organization_id: null,
      decision:
        'Иллюстративная запись: договор о гранте расторгнут, средства взысканы за неисполнение проекта и непредставление отчётности.',
      decision_date: '2023-06-15',
      document_ref: 'Illustrative: grantor’s order No. 00-0/000 of 15.06.2023',
      illustrative: 1,
      published_at: now,
      published_by: null,
      removed_at: null,
      removed_by: null,
      removal_reason: null,
    })
    .execute();
  return PROJECTS.length;
}

const DAY = 24 * 3600_000;

/** The coordinators of the two organisations of Almaty the competition's demo adds. */
const EXTRA = [
  { name: 'ОФ «Жас Қанат»', email: 'org.zhasqanat@demo.birgemiz.kz' },
  { name: 'ОО «Мейірім Алматы»', email: 'org.meyirim@demo.birgemiz.kz' },
];
export const COMPETITION_DEMO_USERS = EXTRA.map((e) => e.email);

/**
 * Last year's "Zhana Bastama" call, after the platform's demo (its verified organisations exist):
 * through the competition's services, each step at its date. Returns the number of applications.
 */
export async function loadCompetitionDemo(database: Database, at = new Date()): Promise<number> {
  const db = database.db;
  const year = new Date(at.getTime() + 5 * 3600_000).getUTCFullYear() - 1;
  const on = (month: number, day: number) => new Date(Date.UTC(year, month - 1, day, 5));
  const coordinators = await db
    .selectFrom('app_user')
    .select(['id', 'email', 'organization_id', 'region'])
    .where('email', 'in', ['org@demo.birgemiz.kz', 'org.astana@demo.birgemiz.kz'])
    .where('organization_id', 'is not', null)
    .execute();
  const members = await db
    .selectFrom('app_user')
    .select(['id', 'region'])
    .where('email', 'in', ['rfo.almaty@demo.birgemiz.kz', 'rfo.astana@demo.birgemiz.kz'])
    .execute();
  if (coordinators.length < 2 || members.length < 2) return 0;
  const now = on(1, 10).toISOString();
  // Two more organisations of Almaty, verified on the platform, with their coordinators.
  const extra = await db.transaction().execute(async (trx) => {
    const out: Actor[] = [];
    for (const [i, o] of EXTRA.entries()) {
      const bin = demoBin(30 + i);
      const orgId = await registryOrg(trx, { name: o.name, type: 'npo', region: 'KZ-75', bin, now });
      const { id } = await trx
        .insertInto('app_user')
        .values({
          email: o.email,
          password_hash: await hashPassword(DEMO_PASSWORD),
          role: 'org_coordinator',
          region: 'KZ-75',
          organization_id: orgId,
          display_name: `Демо координатор ${o.name}`,
          disabled: 0,
          is_demo: 1,
          created_at: now,
          lang: 'ru',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('platform_org')
        .values({
          organization_id: orgId,
          status: 'verified',
          coordinator_id: Number(id),
          contact_name: 'Демо координатор',
          email: o.email,
          name: o.name,
          type: 'npo',
          bin,
          claim: 0,
          reason: null,
          registered_at: now,
          decided_at: now,
          decided_by: null,
        })
        .execute();
      out.push({ id: Number(id), role: 'org_coordinator', region: 'KZ-75', organizationId: orgId });
    }
    return out;
  });
  const actor = (c: (typeof coordinators)[number]): Actor => ({
    id: Number(c.id),
    role: 'org_coordinator',
    region: c.region,
    organizationId: Number(c.organization_id),
  });
  const almaty = actor(
    coordinators.find((c) => c.email === 'org@demo.birgemiz.kz') as (typeof coordinators)[number],
  );
  const astana = actor(
    coordinators.find((c) => c.email === 'org.astana@demo.birgemiz.kz') as (typeof coordinators)[number],
  );
  const member = (region: string): Actor => ({
    id: Number(members.find((m) => m.region === region)?.id),
    role: 'rfo',
    region,
    organizationId: null,
  });
  const units = await db
    .selectFrom('territory_unit')
    .select('code')
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', `${year}-01-01`)]))
    .orderBy('sort')
    .execute();
  const call = await createCall(
    db,
    NATIONAL_OFFICE,
    {
      year,
      title: `Жаңа Бастама ${year}`,
      grantor: 'Министерство информации и общественного развития (иллюстративно)',
      budgetCapKzt: 1_000_000,
      reportDue: `${year}-12-15`,
      quotas: units.map((u) => ({ region: u.code, quota: 10, budgetKzt: 10_000_000 })),
    },
    on(1, 15),
  );
  const applications = [
    {
      who: almaty,
      body: {
        title: 'Зелёные дворы Алатау',
        area: 'taza_alem',
        description:
          'Субботники и посадка деревьев во дворах микрорайона Алатау каждый месяц с мая по сентябрь.',
        budgetKzt: 950_000,
        expectedVolunteers: 60,
        expectedBeneficiaries: 1200,
      },
    },
    {
      who: extra[0] as Actor,
      body: {
        title: 'Школа цифровой грамотности 55+',
        area: 'qamqor',
        description:
          'Еженедельные занятия волонтеров-студентов с пожилыми людьми: смартфон, госуслуги, безопасность в сети.',
        budgetKzt: 800_000,
        expectedVolunteers: 20,
        expectedBeneficiaries: 150,
      },
    },
    {
      who: extra[1] as Actor,
      body: {
        title: 'Арт-терапия для подростков центра поддержки детей',
        area: 'sabaqtastyq',
        description: 'Мастерские рисования и прикладного творчества для подростков, находящихся под опекой.',
        budgetKzt: 1_000_000,
        expectedVolunteers: 15,
        expectedBeneficiaries: 60,
      },
    },
    {
      who: astana,
      body: {
        title: 'Корпоративные волонтеры — дому престарелых «Шапагат»',
        area: 'qamqor',
        description: 'Ежемесячные визиты сотрудников компании: прогулки, ремонт, праздники для жильцов.',
        budgetKzt: 700_000,
        expectedVolunteers: 25,
        expectedBeneficiaries: 90,
      },
    },
  ];
  const ids: number[] = [];
  for (const [i, a] of applications.entries())
    ids.push((await apply(db, a.who, call.id, a.body, on(2, 3 + i))).id);
  await closeApplications(db, NATIONAL_OFFICE, call.id, on(3, 1));
  const scores: [number, string, number][] = [
    [0, 'KZ-75', 8],
    [1, 'KZ-75', 9],
    [2, 'KZ-75', 7],
    [3, 'KZ-71', 8],
  ];
  for (const [i, region, s] of scores)
    await score(db, member(region), ids[i] as number, { score: s, comment: null }, on(3, 10 + i));
  const selected = await selectCall(db, NATIONAL_OFFICE, call.id, on(4, 1));
  const projectOf = (i: number) => selected.applications.find((a) => a.id === ids[i])?.projectId ?? null;
  // Two winners report (Almaty's clean-ups from May to July, the Astana company's visits in June);
  // the other two do not, and are flagged once the reports are due.
  const almatyProject = projectOf(0);
  if (almatyProject !== null)
    for (const [k, month] of ['05', '06', '07'].entries())
      await reportProject(
        db,
        almaty,
        almatyProject,
        `${year}-${month}`,
        {
          items: [
            {
              region: 'KZ-75',
              title: 'Субботник во дворах Алатау',
              format: 'offline',
              kind: 'event',
              startDate: `${year}-${month}-1${k}`,
              endDate: `${year}-${month}-1${k}`,
              volunteers: 18 + k * 4,
              hours: (18 + k * 4) * 4,
              beneficiaries: 300,
            },
          ],
        },
        new Date(Date.UTC(year, Number(month), 3, 5)),
      );
  const astanaProject = projectOf(3);
  if (astanaProject !== null)
    await reportProject(
      db,
      astana,
      astanaProject,
      `${year}-06`,
      {
        items: [
          {
            region: 'KZ-71',
            title: 'Визиты в дом престарелых «Шапагат»',
            format: 'offline',
            kind: 'ongoing',
            startDate: `${year}-06-05`,
            endDate: `${year}-06-26`,
            volunteers: 22,
            hours: 132,
            beneficiaries: 85,
          },
        ],
      },
      new Date(Date.UTC(year, 6, 2, 5) + DAY),
    );
  await db.updateTable('competition_call').set({ illustrative: 1 }).where('id', '=', call.id).execute();
  await db
    .updateTable('competition_application')
    .set({ illustrative: 1 })
    .where('call_id', '=', call.id)
    .execute();
  await db.updateTable('grant_project').set({ illustrative: 1 }).where('application_id', 'in', ids).execute();
  return ids.length;
}
