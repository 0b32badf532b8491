// `birgemiz import <kind> FILE [--dry-run] [--json]`: the national office loading files, through
// the same service as POST /api/imports/:kind. It may write into closed periods (history);
// `--region-scope R` imports as that region's front office would (its rules and its scope);
// `--period YYYY-MM` checks the file is that month's, as the month page does (rows of other months
// stop it unless `--confirm-other-months`); `--lang` lists allowed values with labels in it.
import fs from 'node:fs';
import path from 'node:path';
import { isLang } from '../../domain/lang.ts';
import { parsePeriod } from '../../domain/periods.ts';
import { resolveRegion } from '../../domain/reference.ts';
import { badRequest, usageError } from '../../lib/errors.ts';
import { isImportKind } from '../../modules/imports/headers.ts';
import { runImport } from '../../modules/imports/import.service.ts';
import { loadReferenceSnapshot } from '../../modules/reference/reference.snapshot.ts';
import { flag } from '../args.ts';
import { withDatabase } from '../context.ts';
import { progressBar } from '../progress.ts';
import { USAGE } from '../registry.ts';
import { type CliCommand, say } from '../types.ts';

export const command: CliCommand = {
  async run(args, io) {
    const [kind, file] = args.positional;
    if (!kind || !isImportKind(kind) || !file) throw usageError(`Usage: birgemiz ${USAGE.import}`);
    if (!fs.existsSync(file) || !fs.statSync(file).isFile())
      throw badRequest(`No such file: ${file}`, [], 'no_file');
    const json = args.flags.json === true;
    const scope = flag(args, 'region-scope');
    const period = flag(args, 'period') ?? null;
    if (period !== null && parsePeriod(period)?.kind !== 'month')
      throw usageError(`--period must be a month YYYY-MM, not "${period}"`);
    const lang = flag(args, 'lang') ?? 'en';
    if (!isLang(lang)) throw usageError(`--lang must be kk, ru or en, not "${lang}"`);
    return withDatabase(args, io, async (database) => {
      // A code or a name, as in the files; an unknown one would only make every row foreign.
      const region = scope ? resolveRegion(await loadReferenceSnapshot(database.db), scope) : null;
      if (scope && !region) throw badRequest(`Unknown region: ${scope}`, [], 'unknown_region');
      const bar = progressBar(io, `import ${kind}`, { enabled: json ? false : undefined });
      try {
        const result = await runImport(database, {
          kind,
          path: file,
          filename: path.basename(file),
          dryRun: args.flags['dry-run'] === true,
          // The CLI is the national office; --region-scope acts as that region's front office.
          user: region
            ? {
                id: 0,
                email: 'cli',
                role: 'rfo',
                region,
                organizationId: null,
                displayName: 'cli',
                isDemo: false,
              }
            : null,
          allowClosed: !region,
          period,
          confirmOtherMonths: args.flags['confirm-other-months'] === true,
          lang,
          progress: (n) => bar.update(n),
        });
        bar.finish();
        if (json) say(io.stdout, JSON.stringify(result, null, 2));
        else {
          const what = result.alreadyImported
            ? 'already imported earlier; nothing changed'
            : `${result.inserted} inserted, ${result.updated} updated, ${result.unchanged} unchanged`;
          const enc = result.encoding ? `, ${result.encoding}` : '';
          say(
            io.stdout,
            `${result.dryRun ? 'Dry run: ' : ''}${kind}: ${result.rows} rows (${result.fileType}${enc}): ${what}.`,
          );
        }
        return 0;
      } catch (err) {
        bar.finish();
        const e = err as Error & {
          details?: { row?: number; column?: string; value?: unknown; message?: string }[];
        };
        if (!json && Array.isArray(e.details) && e.details.length) {
          // Every problem, one a line, so that the file can be fixed in one go.
          say(io.stderr, e.message);
          for (const d of e.details) {
            const where = [d.row !== undefined ? `row ${d.row}` : '', d.column ? `column ${d.column}` : '']
              .filter(Boolean)
              .join(', ');
            const value =
              d.value === undefined || d.value === null ? '' : ` (value: ${JSON.stringify(d.value)})`;
            say(io.stderr, `  ${where ? `${where}: ` : ''}${d.message ?? ''}${value}`);
          }
          return 1;
        }
        throw err;
      }
    });
  },
};
