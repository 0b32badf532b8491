// The volunteer platform's part of a month (DOMAIN.md §7), shown on the front office's month page
// and on the national office's review: the badge of a record derived from the platform (read-only
// here), the note that the platform restated a month after it was handed in, the platform's unique
// active volunteers beside the front office's own figures (a second source, never added), and the
// probable duplicates, which the front office resolves by deleting its own record or by marking
// the pair "not a duplicate".
import { useState } from 'react';
import type { Activity } from '../../../modules/activities/activities.schemas.ts';
import type { PlatformReview } from '../../../modules/platform-stats/platform-stats.schemas.ts';
import { TableWrap } from '../../components/TableWrap.tsx';
import { ErrorBox } from '../../components/ui.tsx';
import { del, post } from '../../lib/api.ts';
import { formatDate, formatDateTime, formatHours, formatNumber } from '../../lib/format.ts';
import { codeLabel, useT } from '../../lib/i18n.ts';
import { codeName, useCodeLists } from '../../lib/reference.ts';
import { usePeriodLabel } from './periodLabel.ts';

/** «Platform»: the record comes from hours confirmed on the volunteer platform. */
export function PlatformBadge() {
  const { t } = useT();
  return (
    <span className="badge badge-platform" title={t('platformStats.badgeTitle')} data-testid="platform-badge">
      {t('platformStats.badge')}
    </span>
  );
}

/** The title of a record, with its badges: from the platform, a probable duplicate. */
export function TitleWithBadges({ a, text, duplicate }: { a: Activity; text: string; duplicate: boolean }) {
  const { t } = useT();
  return (
    <>
      {text}
      {a.source === 'platform' ? (
        <>
          {' '}
          <PlatformBadge />
        </>
      ) : null}
      {duplicate ? (
        <>
          {' '}
          <span className="badge badge-duplicate" data-testid="duplicate-badge">
            {t('platformStats.duplicates.flag')}
          </span>
        </>
      ) : null}
    </>
  );
}

/** The ids of the records (either side) of the month's probable duplicates. */
export const duplicateIds = (p: PlatformReview | undefined) =>
  new Set((p?.duplicates ?? []).flatMap((d) => [d.platform.id, d.record.id]));

/** The platform's records of the month and, when it changed a month handed in, when. */
export function PlatformNotes({ p }: { p: PlatformReview }) {
  const { t, lang } = useT();
  const date = p.restatedAt ? formatDateTime(p.restatedAt, lang) : '';
  return (
    <>
      {p.restatedAfter ? (
        <p className="alert alert-warning" role="status" data-testid="restated">
          {t(
            p.restatedAfter === 'accepted'
              ? 'platformStats.restatedAfterAccepted'
              : 'platformStats.restatedAfterSubmitted',
            { date },
          )}
        </p>
      ) : p.restatedAt ? (
        <p className="muted" data-testid="restated">
          {t('platformStats.restatedBefore', { date })}
        </p>
      ) : null}
      {p.records > 0 ? (
        <p className="muted" data-testid="platform-records">
          {t('platformStats.records', { count: p.records, hours: formatHours(p.hours, lang) })}
        </p>
      ) : null}
    </>
  );
}

/** The platform's unique active volunteers beside the front office's own figures: a second source. */
export function SecondSource({ p }: { p: PlatformReview }) {
  const { t, lang } = useT();
  const lists = useCodeLists();
  const periodLabel = usePeriodLabel();
  const { platform, rfo } = p.secondSource;
  // Shown when the platform has something to set beside the front office's figures.
  if (!platform.volunteers) return null;
  const rfoHead = rfo.period
    ? t('platformStats.secondSource.rfo', { period: periodLabel(rfo.period) })
    : t('platformStats.secondSource.rfoNone');
  const dims = [
    ['gender', 'gender', platform.gender, rfo.gender],
    ['age_band', 'age_band', platform.ageBand, rfo.ageBand],
    ['employment', 'employment', platform.employment, rfo.employment],
  ] as const;
  return (
    <section className="panel" aria-labelledby="second-source-title" data-testid="second-source">
      <h2 id="second-source-title">{t('platformStats.secondSource.title')}</h2>
      <p className="muted">{t('platformStats.secondSource.intro')}</p>
      {dims.map(([dimension, list, mine, theirs]) => {
        const cats = [...new Set([...mine.map((x) => x.category), ...theirs.map((x) => x.category)])];
        const of = (rows: readonly { category: string; volunteers: number }[], c: string) =>
          rows.find((x) => x.category === c)?.volunteers;
        return (
          <TableWrap key={dimension}>
            <table>
              <caption>
                {t('platformStats.secondSource.caption', {
                  dimension: codeLabel(t, 'dimensions', dimension),
                })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('platformStats.secondSource.category')}</th>
                  <th scope="col" className="num">
                    {t('platformStats.secondSource.platform')}
                  </th>
                  <th scope="col" className="num">
                    {rfoHead}
                  </th>
                </tr>
              </thead>
              <tbody>
                {cats.map((c) => (
                  <tr key={c}>
                    <th scope="row">{codeName(lists, list, c, lang)}</th>
                    <td className="num">{formatNumber(of(mine, c) ?? 0, lang)}</td>
                    <td className="num">{rfo.period ? formatNumber(of(theirs, c), lang) || '–' : '–'}</td>
                  </tr>
                ))}
                <tr>
                  <th scope="row">{t('platformStats.secondSource.total')}</th>
                  <td className="num">{formatNumber(platform.volunteers, lang)}</td>
                  <td className="num">
                    {rfo.volunteers === null ? '–' : formatNumber(rfo.volunteers, lang)}
                  </td>
                </tr>
              </tbody>
            </table>
          </TableWrap>
        );
      })}
    </section>
  );
}

/**
 * The month's probable duplicates; with `canResolve`, the front office's two answers: delete its
 * own record, or mark the pair "not a duplicate". `onChange` after either.
 */
export function Duplicates({
  p,
  canResolve,
  canDelete = canResolve,
  onChange,
}: {
  p: PlatformReview;
  canResolve: boolean;
  /** Whether its own record may be deleted (the month is open). */
  canDelete?: boolean;
  onChange(): void;
}) {
  const { t, lang } = useT();
  const [error, setError] = useState<unknown>(null);
  const [note, setNote] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (p.records === 0 && !note) return null;
  const act = async (f: () => Promise<unknown>, done: string) => {
    setBusy(true);
    setError(null);
    setNote(null);
    try {
      await f();
      setNote(done);
      onChange();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const dates = (x: { start_date: string; end_date: string }) =>
    x.start_date === x.end_date
      ? formatDate(x.start_date, lang)
      : `${formatDate(x.start_date, lang)} – ${formatDate(x.end_date, lang)}`;
  return (
    <section className="panel" aria-labelledby="duplicates-title" data-testid="duplicates">
      <h2 id="duplicates-title">{t('platformStats.duplicates.title')}</h2>
      <ErrorBox error={error} />
      {note ? (
        <p className="alert alert-success" role="status">
          {note}
        </p>
      ) : null}
      {p.duplicates.length === 0 ? (
        <p className="muted">{t('platformStats.duplicates.none')}</p>
      ) : (
        <>
          <p>{t('platformStats.duplicates.intro')}</p>
          <ul className="duplicate-list">
            {p.duplicates.map((d) => (
              <li
                key={`${d.platform.id}-${d.record.id}`}
                className="duplicate-pair"
                data-testid="duplicate-pair"
              >
                <dl>
                  <div>
                    <dt>
                      {t('platformStats.duplicates.platformRecord')} <PlatformBadge />
                    </dt>
                    <dd>
                      {d.platform.title} · {d.platform.organization} · {dates(d.platform)} ·{' '}
                      {t('fields.volunteers')}: {formatNumber(d.platform.volunteers, lang)} ·{' '}
                      {t('fields.hours')}: {formatHours(d.platform.hours, lang)}
                    </dd>
                  </div>
                  <div>
                    <dt>{t('platformStats.duplicates.ownRecord')}</dt>
                    <dd>
                      {d.record.title} · {d.record.organization} · {dates(d.record)} ·{' '}
                      {t('fields.volunteers')}: {formatNumber(d.record.volunteers, lang)} ·{' '}
                      {t('fields.hours')}: {formatHours(d.record.hours, lang)}
                    </dd>
                  </div>
                </dl>
                <p className="muted">
                  {t('platformStats.duplicates.similarity', {
                    value: formatNumber(d.similarity * 100, lang),
                  })}
                  %
                </p>
                {canResolve ? (
                  <p className="actions">
                    <button
                      type="button"
                      className="btn btn-secondary"
                      disabled={busy}
                      aria-label={`${t('platformStats.duplicates.notDuplicate')}: ${t('platformStats.duplicates.pair', { platform: d.platform.title, own: d.record.title })}`}
                      onClick={() =>
                        void act(
                          () =>
                            post('/api/platform/duplicates', {
                              platformRecord: d.platform.id,
                              record: d.record.id,
                            }),
                          t('platformStats.duplicates.resolved'),
                        )
                      }
                    >
                      {t('platformStats.duplicates.notDuplicate')}
                    </button>{' '}
                    {canDelete ? (
                      <button
                        type="button"
                        className="btn btn-danger"
                        disabled={busy}
                        aria-label={`${t('platformStats.duplicates.deleteOwn')}: ${d.record.title}`}
                        onClick={() => {
                          if (
                            !window.confirm(
                              t('platformStats.duplicates.confirmDelete', { title: d.record.title }),
                            )
                          )
                            return;
                          void act(
                            () => del(`/api/activities/${d.record.id}`, { version: d.record.version }),
                            t('platformStats.duplicates.deleted', { title: d.record.title }),
                          );
                        }}
                      >
                        {t('platformStats.duplicates.deleteOwn')}
                      </button>
                    ) : null}
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
