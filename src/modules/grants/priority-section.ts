// What the annual report's section 11 reads (DOMAIN.md §5.11, issue 13 item 4): the grant projects
// active in the year, the year's latest reporting round with each project's data provision, and the
// projects' records of the year in the months the report includes (the same statuses as every other
// figure of the report, so a record counts in §11 exactly when it counts in §1–§10).
import type { Kysely, Transaction } from 'kysely';
import type { DB, SubmissionTable } from '../../db/schema.ts';
import { type EntryRow, entriesOf, latestRoundOf, listProjects, recordedOf } from './grants.repository.ts';

type Db = Kysely<DB> | Transaction<DB>;

export async function priorityProjectsData(db: Db, year: number, statuses: SubmissionTable['status'][]) {
  const [projects, round] = await Promise.all([listProjects(db, { year }), latestRoundOf(db, year)]);
  const ids = projects.map((p) => p.id);
  const [entries, recorded] = await Promise.all([
    round ? entriesOf(db, { roundIds: [Number(round.id)] }) : Promise.resolve([] as EntryRow[]),
    recordedOf(db, ids, { from: `${year}-01`, to: `${year}-12`, statuses }),
  ]);
  return {
    round: round ? { id: Number(round.id), title: round.title } : null,
    projects,
    entries: new Map(entries.map((e) => [Number(e.project_id), e])),
    recorded,
  };
}

export type PriorityProjectsData = Awaited<ReturnType<typeof priorityProjectsData>>;
