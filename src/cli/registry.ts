// The commands of `birgemiz`: name, usage and description here, the code loaded only for the
// command that runs (src/cli/commands/<name>.ts exporting `command`), so that --help starts at once.
import { LANGS } from '../domain/lang.ts';
import { IMPORT_KINDS } from '../modules/imports/headers.ts';
import type { CliCommand } from './types.ts';

export interface CliEntry {
  name: string;
  usage: string;
  describe: string;
  load(): Promise<{ command: CliCommand }>;
}

const kinds = IMPORT_KINDS.join('|');
const langs = LANGS.join('|');

export const USAGE = {
  audit: `audit [--region R] [--period P] [--entity E [--id ID]] [--user TEXT] [--action A] [--from DATE] [--to DATE] [--lang ${langs}] [--limit N] [--offset N] [--oldest] [--json]`,
  db: 'db migrate | db backup --out FILE [--force] | db restore FILE [--force]',
  demo: 'demo load [--db FILE]',
  export: `export <${kinds}> --year Y [--region R] --out FILE [--format csv|xlsx] [--lang ${langs}] [--encoding utf-8|windows-1251] [--delimiter comma|semicolon]`,
  import: `import <${kinds}> FILE [--dry-run] [--json] [--region-scope R] [--period YYYY-MM [--confirm-other-months]] [--lang ${langs}]`,
  messages: `messages --email E [--lang ${langs}] [--optional on|off] [--json] | messages run [--now ISO-TIME] [--json]`,
  outbox: 'outbox list [--status queued|sending|sent|failed] [--limit N] [--json] | outbox show ID [--json]',
  report: `report annual --year Y | half-year --period YYYY-H1 | monthly --period YYYY-MM [--region R] | data-quality --year Y  [--format json|html|xlsx|docx] [--lang ${langs}] [--provisional] [--map YEAR|current] [--fte-hours N] [--out FILE]`,
  submissions:
    'submissions <submit|accept> --period YYYY-MM|YYYY-H1|YYYY-H2|YYYY [--region KZ-75] [--submitted-at YYYY-MM-DD] [--confirm-warnings] [--nothing-to-report] [--json] | submissions reopen --region KZ-75 --period YYYY-MM --reason TEXT [--json]',
  users:
    'users <create|invite|disable|enable|reset-password|list> [--email E] [--role R] [--region R] [--organization O] [--password P] [--lang L] [--url U]',
} as const;

export const COMMANDS: readonly CliEntry[] = [
  {
    name: 'audit',
    usage: USAGE.audit,
    describe:
      "The audit trail, newest first (one entity's history, --id, oldest first): who changed what and when, named in the language asked for (regions, activities, organisations, code-list labels)",
    load: () => import('./commands/audit.ts'),
  },
  {
    name: 'db',
    usage: USAGE.db,
    describe:
      'Create or update the database schema and reference data; back the whole database up while servers run (SQLite backup API, or pg_dump of the schema), or restore a backup into an empty database (--force: replace what it holds)',
    load: () => import('./commands/db.ts'),
  },
  {
    name: 'demo',
    usage: USAGE.demo,
    describe: 'Load the 2022 demo dataset and the demo accounts (replaces earlier demo data)',
    load: () => import('./commands/demo.ts'),
  },
  {
    name: 'export',
    usage: USAGE.export,
    describe: 'Export stored rows as CSV or .xlsx, in the format they are imported in (round trip)',
    load: () => import('./commands/export.ts'),
  },
  {
    name: 'import',
    usage: USAGE.import,
    describe: 'Import a CSV or .xlsx file (all-or-nothing; every problem listed)',
    load: () => import('./commands/import.ts'),
  },
  {
    name: 'outbox',
    usage: USAGE.outbox,
    describe:
      'List the e-mails the system queued, sent or gave up on, or show one in full (without SMTP_URL they wait here)',
    load: () => import('./commands/outbox.ts'),
  },
  {
    name: 'messages',
    usage: USAGE.messages,
    describe:
      "Show or set an account's message settings: the language of its e-mails and whether it gets the optional ones (deadline reminders, the daily digest); `run` queues the reminders and digest due now (the scheduled job does it every hour; each goes once)",
    load: () => import('./commands/messages.ts'),
  },
  {
    name: 'report',
    usage: USAGE.report,
    describe: 'Compute a report from the accepted data (JSON) or render it (.html/.xlsx/.docx)',
    load: () => import('./commands/report.ts'),
  },
  {
    name: 'submissions',
    usage: USAGE.submissions,
    describe:
      'Submit or accept the submissions of a period in bulk (every region with data, or one); a year means its months, halves and the year. --submitted-at stamps the months this run submits with the day they were really handed in (not in the future), so historical data does not count as late. reopen takes one accepted month back to its region with the reason it reads (audited); it leaves the published figures until resubmitted and accepted',
    load: () => import('./commands/submissions.ts'),
  },
  {
    name: 'users',
    usage: USAGE.users,
    describe:
      'Create, disable, enable or list user accounts; reset a password (generated and printed once when not given); invite a user by e-mail (a one-time link to set the password, valid 7 days, queued in the outbox; again without --role: a new link)',
    load: () => import('./commands/users.ts'),
  },
];
