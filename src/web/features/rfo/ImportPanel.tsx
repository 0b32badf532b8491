// Upload of a CSV or .xlsx file: first checked on the server without saving (dryRun=true), showing
// a preview and every problem (row, column, value, rule); saved only when the user confirms.
import { type FormEvent, useState } from 'react';
import type { Problem } from '../../../domain/activity-rules.ts';
import type { ImportResult } from '../../../modules/imports/imports.schemas.ts';
import { ProblemTable } from '../../components/ProblemTable.tsx';
import { TableWrap } from '../../components/TableWrap.tsx';
import { ErrorBox } from '../../components/ui.tsx';
import { ApiError, api } from '../../lib/api.ts';
import { formatNumber } from '../../lib/format.ts';
import { useT } from '../../lib/i18n.ts';
import { usePeriodLabel } from './periodLabel.ts';
import type { FileKind } from './Templates.tsx';

/** Splits CSV lines on the delimiter, honouring quotes ("a, b" stays one cell; "" is a quote). */
export function splitCsv(text: string, maxRows: number): string[][] {
  const first = text.split(/\r?\n/, 1)[0] ?? '';
  const delim = (first.match(/;/g)?.length ?? 0) > (first.match(/,/g)?.length ?? 0) ? ';' : ',';
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length && rows.length < maxRows; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delim) {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      if (row.some((c) => c !== '')) rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (rows.length < maxRows && (cell !== '' || row.length)) {
    row.push(cell);
    if (row.some((c) => c !== '')) rows.push(row);
  }
  return rows;
}

/** The first lines of the file for the preview: CSV (UTF-8 or Windows-1251) or the first sheet of .xlsx. */
async function readPreview(file: File): Promise<string[][] | null> {
  try {
    if (/\.xlsx$/i.test(file.name)) {
      const { previewXlsx } = await import('../../lib/xlsxPreview.ts');
      return await previewXlsx(file);
    }
    const head = new Uint8Array(await file.slice(0, 65_536).arrayBuffer());
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(head);
    } catch {
      // Not UTF-8 (or cut inside a character at the slice's end): the other encoding FORMATS.md allows.
      text = new TextDecoder('utf-8').decode(head);
      if (text.slice(0, -4).includes('\ufffd')) text = new TextDecoder('windows-1251').decode(head);
    }
    return splitCsv(text.replace(/^\ufeff/, ''), 6);
  } catch {
    return null; // the server's check still runs and says what is wrong with the file
  }
}

export function ImportPanel({
  kind,
  period,
  onSaved,
}: {
  kind: FileKind;
  /** The month whose page the panel is on: a file with rows of other months is stopped first. */
  period?: string;
  onSaved(): void;
}) {
  const { t, lang } = useT();
  const periodLabel = usePeriodLabel();
  // Rows of other months in a file uploaded on this month's page: named, and imported only on purpose.
  const [otherMonths, setOtherMonths] = useState<(Problem & { rows?: number })[]>([]);
  const [confirmed, setConfirmed] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<string[][] | null>(null);
  const [checked, setChecked] = useState<ImportResult | null>(null);
  const [saved, setSaved] = useState<ImportResult | null>(null);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const send = async (dryRun: boolean, confirmOtherMonths = confirmed) => {
    if (!file) return;
    const fd = new FormData();
    fd.append('file', file, file.name);
    setBusy(true);
    setError(null);
    setProblems([]);
    setOtherMonths([]);
    try {
      const r = await api<ImportResult>(`/api/imports/${kind}`, {
        method: 'POST',
        body: fd,
        query: { dryRun, lang, ...(period ? { period, confirmOtherMonths } : {}) },
      });
      if (dryRun) setChecked(r);
      else {
        setSaved(r);
        setChecked(null);
        onSaved();
      }
    } catch (err) {
      if (err instanceof ApiError && err.status === 422 && err.details.length) setProblems(err.details);
      else if (err instanceof ApiError && err.code === 'other_months') setOtherMonths(err.details);
      else setError(err);
      setChecked(null);
    } finally {
      setBusy(false);
    }
  };

  // The server lists the first problems and counts the rest in a last "more_problems" entry.
  const more = problems.find((p) => p.rule === 'more_problems');
  const problemCount =
    problems.filter((p) => p !== more).length + Number(/(\d+)/.exec(more?.message ?? '')?.[1] ?? 0);
  const problemRows = new Set(problems.map((p) => p.row).filter((r): r is number => typeof r === 'number'));

  const check = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(null);
    await send(true);
  };

  return (
    <section className="panel" aria-labelledby={`import-${kind}`}>
      <h3 id={`import-${kind}`}>{t('import.title', { kind: t(`rfo.kind.${kind}`) })}</h3>
      <p className="muted">{t('import.lead')}</p>
      <p>
        {t('import.template')}:{' '}
        <a href={`/api/templates/${kind}?format=xlsx&lang=${lang}`} download>
          .xlsx
        </a>{' '}
        ·{' '}
        <a href={`/api/templates/${kind}?format=csv&lang=${lang}`} download>
          .csv
        </a>
      </p>
      <form onSubmit={check}>
        <label htmlFor={`file-${kind}`}>{t('import.file')}</label>
        <input
          id={`file-${kind}`}
          name="file"
          type="file"
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          onChange={async (e) => {
            const f = e.target.files?.[0] ?? null;
            setFile(f);
            setConfirmed(false);
            setOtherMonths([]);
            setChecked(null);
            setSaved(null);
            setProblems([]);
            setPreview(f ? await readPreview(f) : null);
          }}
        />
        <div className="actions">
          <button type="submit" className="btn" disabled={!file || busy}>
            {t('import.check')}
          </button>
        </div>
      </form>
      <ErrorBox error={error} />
      {otherMonths.length && period ? (
        <div className="alert alert-warning" role="alert" data-testid="import-other-months">
          <p>
            {t('import.otherMonths', {
              period: periodLabel(period),
              months: otherMonths
                .map((m) => `${periodLabel(String(m.value))} (${formatNumber(Number(m.rows ?? 0), lang)})`)
                .join(', '),
            })}
          </p>
          <button
            type="button"
            className="btn"
            disabled={busy}
            onClick={() => {
              setConfirmed(true);
              void send(true, true);
            }}
          >
            {t('import.anyway')}
          </button>
        </div>
      ) : null}
      {preview?.length ? (
        <TableWrap>
          <table className="preview-table">
            <caption>{t('import.preview')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('problems.row')}</th>
                {(preview[0] ?? []).map((c, j) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: columns of a file
                  <th key={j} scope="col">
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {preview.slice(1).map((r, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: lines of a file
                <tr key={i} className={problemRows.has(i + 2) ? 'row-problem' : undefined}>
                  <th scope="row" className="num">
                    {i + 2}
                  </th>
                  {r.map((c, j) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: columns of a file
                    <td key={j}>{c}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : null}
      {problems.length ? (
        <>
          <p className="alert alert-error" role="alert">
            {t('import.hasErrors', { count: problemCount })}
          </p>
          <ProblemTable problems={problems} caption={t('import.errorsCaption')} />
        </>
      ) : null}
      {checked ? (
        <div className="alert alert-success" role="status" data-testid="import-checked">
          <p>
            {t('import.checkedOk', {
              count: checked.rows,
              inserted: formatNumber(checked.inserted, lang),
              updated: formatNumber(checked.updated, lang),
              unchanged: formatNumber(checked.unchanged, lang),
            })}
          </p>
          {checked.alreadyImported ? <p>{t('import.alreadyImported')}</p> : null}
          <button type="button" className="btn" onClick={() => void send(false)} disabled={busy}>
            {t('import.save')}
          </button>
        </div>
      ) : null}
      {saved ? (
        <p className="alert alert-success" role="status" data-testid="import-saved">
          {t('import.saved', {
            count: saved.rows,
            inserted: formatNumber(saved.inserted, lang),
            updated: formatNumber(saved.updated, lang),
          })}
        </p>
      ) : null}
    </section>
  );
}
