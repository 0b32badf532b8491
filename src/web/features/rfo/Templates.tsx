// Files of the exchange formats (FORMATS.md): blank templates and a year's data.
import { useState } from 'react';
import type { z } from 'zod';
import type { Lang } from '../../../domain/lang.ts';
import type { importKindParamsSchema } from '../../../modules/imports/imports.schemas.ts';
import { TableWrap } from '../../components/TableWrap.tsx';
import { LanguageSelect } from '../../components/ui.tsx';
import { withQuery } from '../../lib/api.ts';
import { useT } from '../../lib/i18n.ts';

type ImportKind = z.infer<typeof importKindParamsSchema>['kind'];
/** The kinds of exchange files (FORMATS.md) the front office works with: templates, exports, imports. */
export const FILE_KINDS = [
  'activities',
  'volunteers',
  'organizations',
] as const satisfies readonly ImportKind[];
export type FileKind = (typeof FILE_KINDS)[number];

/**
 * The blank templates (CSV and .xlsx, headers in kk, ru or en) and, for a region and year, its data
 * as files in the same format (which import back unchanged): GET /api/templates/:kind and
 * GET /api/exports/:kind.
 */
export function Templates({ year, region }: { year?: number; region?: string | null }) {
  const { t, lang } = useT();
  const [fileLang, setFileLang] = useState<Lang>(lang);
  const exportUrl = (k: FileKind, format: string) =>
    withQuery(`/api/exports/${k}`, { year, region, format, lang: fileLang });
  return (
    <section className="panel" aria-labelledby="tpl-title">
      <h2 id="tpl-title">{t('rfo.templates')}</h2>
      <p className="muted">{t('rfo.templatesLead')}</p>
      <LanguageSelect
        className="inline-field"
        label={<>{t('rfo.templateLanguage')} </>}
        value={fileLang}
        onChange={setFileLang}
      />
      <TableWrap>
        <table className="template-table">
          <caption className="visually-hidden">{t('rfo.templates')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('rfo.fileKind')}</th>
              <th scope="col">{t('rfo.blankTemplate')}</th>
              {year ? <th scope="col">{t('rfo.exportYear', { year })}</th> : null}
            </tr>
          </thead>
          <tbody>
            {FILE_KINDS.map((k) => (
              <tr key={k}>
                <th scope="row">{t(`rfo.kind.${k}`)}</th>
                <td>
                  {['xlsx', 'csv'].map((f) => (
                    <a
                      key={f}
                      className="file-link"
                      href={`/api/templates/${k}?format=${f}&lang=${fileLang}`}
                      download
                      aria-label={`${t('rfo.blankTemplate')}: ${t(`rfo.kind.${k}`)}, .${f}`}
                    >
                      .{f}
                    </a>
                  ))}
                </td>
                {year ? (
                  <td>
                    {['xlsx', 'csv'].map((f) => (
                      <a
                        key={f}
                        className="file-link"
                        href={exportUrl(k, f)}
                        download
                        aria-label={`${t('rfo.exportYear', { year })}: ${t(`rfo.kind.${k}`)}, .${f}`}
                      >
                        .{f}
                      </a>
                    ))}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </section>
  );
}
