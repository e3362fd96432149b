import { Link } from 'react-router';
import { Failure, Loading, usePageTitle } from '../../components/feedback';
import { useI18n } from '../../i18n/i18n';
import type { DefinitionSummary, Page } from '../../types';
import { useApi } from '../../use-api';

/** The deployed processes, each with its latest version (GET /definitions). */
export function DefinitionsPage() {
  const { t, dateTime } = useI18n();
  usePageTitle(t('owner.definitions.title'));
  const { result, reload } = useApi<Page<DefinitionSummary>>('/definitions');

  if (result.state === 'loading') return <Loading />;
  if (result.state === 'failed') return <Failure error={result.error} onRetry={reload} />;
  const definitions = [...result.data.items].sort((a, b) => a.title.localeCompare(b.title));
  return (
    <>
      <div className="page-heading">
        <h1>{t('owner.definitions.title')}</h1>
        <Link className="button-link" to="/definitions/new">
          {t('owner.definitions.new')}
        </Link>
      </div>
      {definitions.length === 0 ? (
        <p>{t('owner.definitions.empty')}</p>
      ) : (
        <table className="list">
          <thead>
            <tr>
              <th scope="col">{t('owner.definitions.column.process')}</th>
              <th scope="col">{t('owner.definitions.column.version')}</th>
              <th scope="col">{t('owner.definitions.column.owner')}</th>
              <th scope="col">{t('owner.definitions.column.deployed')}</th>
            </tr>
          </thead>
          <tbody>
            {definitions.map((definition) => (
              <tr key={definition.key}>
                <td>
                  <Link to={`/definitions/${encodeURIComponent(definition.key)}`}>{definition.title}</Link>
                  <br />
                  <code className="muted">{definition.key}</code>
                </td>
                <td>{definition.version}</td>
                <td>{definition.owner}</td>
                <td>{dateTime(definition.deployedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
