// Reference data for the national admin: the code lists (names in three languages, active flag)
// editable in place, each list and code named in the interface language, and the territorial units
// with their lineage, read-only.
import { type FormEvent, useEffect, useState } from 'react';
import type { CodeItem, CodeLists, Territory } from '../../../modules/reference/reference.schemas.ts';
import { RequireRole } from '../../components/RequireRole.tsx';
import { TableWrap } from '../../components/TableWrap.tsx';
import { ErrorBox, Field, Loading, PageTitle } from '../../components/ui.tsx';
import { post, put } from '../../lib/api.ts';
import { formatDate } from '../../lib/format.ts';
import { codeLabel, localName, useT } from '../../lib/i18n.ts';
import { useApi } from '../../lib/useApi.ts';

function ItemRow({ list, item, onSaved }: { list: string; item: CodeItem; onSaved(): void }) {
  const { t, lang } = useT();
  const [v, setV] = useState({
    nameKk: item.nameKk,
    nameRu: item.nameRu,
    nameEn: item.nameEn,
    active: !!item.active,
  });
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const dirty =
    v.nameKk !== item.nameKk ||
    v.nameRu !== item.nameRu ||
    v.nameEn !== item.nameEn ||
    v.active !== !!item.active;
  const save = async () => {
    setError(null);
    try {
      await put(`/api/reference/code-lists/${list}/${item.code}`, { ...v, sort: item.sort });
      setSaved(true);
      onSaved();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <tr>
      <th scope="row">
        <span className="code-label">{localName(item, lang)}</span> <code>{item.code}</code>
      </th>
      {(['nameKk', 'nameRu', 'nameEn'] as const).map((k) => (
        <td key={k}>
          <input
            aria-label={`${item.code}: ${t(`reference.${k}`)}`}
            value={v[k]}
            onChange={(e) => {
              setSaved(false);
              setV({ ...v, [k]: e.target.value });
            }}
          />
        </td>
      ))}
      <td>
        <input
          type="checkbox"
          aria-label={`${item.code}: ${t('reference.active')}`}
          checked={v.active}
          onChange={(e) => setV({ ...v, active: e.target.checked })}
        />
      </td>
      <td>
        <button type="button" className="btn btn-small" disabled={!dirty} onClick={() => void save()}>
          {t('common.save')}
        </button>
        {saved ? <span role="status"> ✓ {t('common.saved')}</span> : null}
        <ErrorBox error={error} />
      </td>
    </tr>
  );
}

function NewItem({ list, label, onSaved }: { list: string; label: string; onSaved(): void }) {
  const { t } = useT();
  const empty = { code: '', nameKk: '', nameRu: '', nameEn: '' };
  const [v, setV] = useState(empty);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const save = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setSaved(false);
    try {
      await post(`/api/reference/code-lists/${list}`, { ...v, code: v.code.trim() });
      setV(empty);
      setSaved(true);
      onSaved();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <form onSubmit={save} aria-labelledby="new-code" className="subpanel">
      <h3 id="new-code">{t('reference.addCode', { list: label })}</h3>
      <ErrorBox error={error} />
      {saved ? (
        <p className="alert alert-success" role="status">
          {t('common.saved')}
        </p>
      ) : null}
      <div className="form-grid">
        {(['code', 'nameKk', 'nameRu', 'nameEn'] as const).map((k) => (
          <Field
            key={k}
            label={t(`reference.${k}`)}
            hint={k === 'code' ? t('reference.codeHint') : undefined}
          >
            {(p) => (
              <input
                {...p}
                required
                pattern={k === 'code' ? '[a-z0-9_]+' : undefined}
                value={v[k]}
                onChange={(e) => setV({ ...v, [k]: e.target.value })}
              />
            )}
          </Field>
        ))}
      </div>
      <button type="submit" className="btn">
        {t('common.add')}
      </button>
    </form>
  );
}

function Reference() {
  const { t, lang } = useT();
  const lists = useApi<CodeLists>('/api/reference/code-lists');
  const territories = useApi<Territory[]>('/api/reference/territories', { map: 'all' });
  const listName = (n: string) => codeLabel(t, 'reference.lists', n);
  const names = Object.keys(lists.data ?? {}).sort((a, b) => listName(a).localeCompare(listName(b), lang));
  const [list, setList] = useState('');
  useEffect(() => {
    if (!list && names[0]) setList(names[0]);
  }, [list, names]);
  const items = (lists.data?.[list] ?? []).slice().sort((a, b) => a.sort - b.sort);
  const unitName = (code: string) => {
    const u = territories.data?.find((x) => x.code === code);
    return u ? localName(u, lang) : code;
  };
  return (
    <div>
      <PageTitle sub={t('reference.lead')}>{t('reference.title')}</PageTitle>
      <ErrorBox error={lists.error} />
      {lists.loading ? <Loading /> : null}
      <section className="panel" aria-labelledby="cl-title">
        <h2 id="cl-title">{t('reference.codeLists')}</h2>
        <label className="inline-field">
          {t('reference.list')}{' '}
          <select value={list} onChange={(e) => setList(e.target.value)}>
            {names.map((n) => (
              <option key={n} value={n}>
                {listName(n)}
              </option>
            ))}
          </select>
        </label>
        <TableWrap>
          <table>
            <caption>
              {list ? listName(list) : ''} {list ? <code>{list}</code> : null}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('reference.code')}</th>
                <th scope="col">{t('reference.nameKk')}</th>
                <th scope="col">{t('reference.nameRu')}</th>
                <th scope="col">{t('reference.nameEn')}</th>
                <th scope="col">{t('reference.active')}</th>
                <th scope="col">{t('common.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((i) => (
                <ItemRow key={`${list}-${i.code}`} list={list} item={i} onSaved={lists.reload} />
              ))}
            </tbody>
          </table>
        </TableWrap>
        {list ? <NewItem list={list} label={listName(list)} onSaved={lists.reload} /> : null}
      </section>
      <section className="panel" aria-labelledby="ter-title">
        <h2 id="ter-title">{t('reference.territories')}</h2>
        <TableWrap>
          <table>
            <caption>{t('reference.territoriesCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('reference.code')}</th>
                <th scope="col">{t('reference.kato')}</th>
                <th scope="col">{t('reference.nameKk')}</th>
                <th scope="col">{t('reference.nameRu')}</th>
                <th scope="col">{t('reference.nameEn')}</th>
                <th scope="col">{t('reference.validFrom')}</th>
                <th scope="col">{t('reference.lineage')}</th>
              </tr>
            </thead>
            <tbody>
              {(territories.data ?? []).map((u) => (
                <tr key={u.code}>
                  <th scope="row">{u.code}</th>
                  <td>{u.kato}</td>
                  <td>{u.nameKk}</td>
                  <td>{u.nameRu}</td>
                  <td>{u.nameEn}</td>
                  <td>{formatDate(u.validFrom, lang)}</td>
                  <td>
                    {[
                      ...(u.predecessors ?? []).map((p) => `← ${unitName(p)}`),
                      ...(u.successors ?? []).map((s) => `→ ${unitName(s)}`),
                    ].join(', ') || '–'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      </section>
    </div>
  );
}

export default function ReferencePage() {
  return <RequireRole roles={['national_admin']}>{() => <Reference />}</RequireRole>;
}
