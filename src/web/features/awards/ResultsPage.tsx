// The published results of the award rounds (issue 13 items 3 and 7), for anyone, no sign-in: the
// rounds, and a round's places per nomination with the jury's names and the rule the result
// follows from. Demonstration rounds say so.

import type { z } from 'zod';
import type { PublicRound, publicRoundListSchema } from '../../../modules/awards/rounds.schemas.ts';
import { ErrorBox, Loading, PageTitle } from '../../components/ui.tsx';
import { formatDate } from '../../lib/format.ts';
import { useT } from '../../lib/i18n.ts';
import { Link } from '../../lib/router.tsx';
import { useApi } from '../../lib/useApi.ts';
import { RankingTable } from './roundParts.tsx';

export default function ResultsPage({ id }: { id?: string }) {
  return id ? <Result id={id} /> : <Results />;
}

function Results() {
  const { t, lang } = useT();
  const list = useApi<z.infer<typeof publicRoundListSchema>>('/api/awards/results');
  return (
    <div className="platform-page">
      <PageTitle sub={t('awards.results.lead')}>{t('awards.results.title')}</PageTitle>
      <ErrorBox error={list.error} />
      {list.loading && !list.data ? <Loading /> : null}
      {list.data?.items.length === 0 ? <p className="alert alert-info">{t('awards.results.none')}</p> : null}
      <ul className="plain-list" data-testid="results">
        {(list.data?.items ?? []).map((r) => (
          <li key={r.id}>
            <Link to={`/awards/results/${r.id}`}>{r.title}</Link> ·{' '}
            {t('awards.results.published', { date: formatDate(r.publishedAt.slice(0, 10), lang) })}
            {r.illustrative ? (
              <>
                {' '}
                <span className="badge badge-draft">{t('awards.illustrative')}</span>
              </>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

function Result({ id }: { id: string }) {
  const { t, lang } = useT();
  const round = useApi<PublicRound>(`/api/awards/results/${encodeURIComponent(id)}`);
  const r = round.data;
  return (
    <div className="platform-page">
      <p className="links">
        <Link to="/awards/results">{t('awards.results.all')}</Link>
      </p>
      <ErrorBox error={round.error} />
      {round.loading && !r ? <Loading /> : null}
      {r ? (
        <>
          <PageTitle
            sub={t('awards.results.published', { date: formatDate(r.publishedAt.slice(0, 10), lang) })}
          >
            {r.title}
          </PageTitle>
          {r.illustrative ? (
            <p className="alert alert-warning">{t('awards.results.illustrativeNote')}</p>
          ) : null}
          <section className="panel" aria-labelledby="result-jury">
            <h2 id="result-jury">{t('awards.rounds.jury')}</h2>
            <ul className="plain-list" data-testid="public-jury">
              {r.jury.map((name) => (
                <li key={name}>{name}</li>
              ))}
            </ul>
          </section>
          {r.nominations.map((n, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: nominations in their published order
            <section key={i} className="panel" aria-labelledby={`result-nomination-${i}`}>
              <h2 id={`result-nomination-${i}`}>
                {t(`awards.rounds.scope.${n.scope}`)}: {n.name}
              </h2>
              <p className="muted">{t('awards.results.scale', { max: r.scaleMax })}</p>
              <RankingTable
                caption={t('awards.rounds.rankingOf', { name: n.name })}
                criteria={n.criteria}
                ranking={n.ranking}
              />
            </section>
          ))}
          <p className="muted">{t('awards.resultRule')}</p>
        </>
      ) : null}
    </div>
  );
}
