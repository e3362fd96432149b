import { Link, useLocation, useParams } from 'react-router';
import { Failure, Loading, usePageTitle } from '../../components/feedback';
import { useI18n } from '../../i18n/i18n';
import type { DefinitionDetails } from '../../types';
import { useApi } from '../../use-api';
import { YamlEditor } from './yaml-editor';

/** What the editor passes on after a deploy (router state): the version the API answered. */
export interface DeployedState {
  readonly deployed: { readonly version: number; readonly created: boolean };
}

function deployedOf(state: unknown): DeployedState['deployed'] | null {
  if (typeof state !== 'object' || state === null || !('deployed' in state)) return null;
  return (state as DeployedState).deployed;
}

/** One process: its latest version's YAML (read-only), its versions, and the way to edit it. */
export function DefinitionPage() {
  const { t, dateTime } = useI18n();
  const { key = '' } = useParams();
  const location = useLocation();
  const { result, reload } = useApi<DefinitionDetails>(`/definitions/${encodeURIComponent(key)}`);
  usePageTitle(result.state === 'ready' ? result.data.title : t('owner.definitions.title'));

  if (result.state === 'loading') return <Loading />;
  if (result.state === 'failed') {
    if (result.error.status === 404) {
      return (
        <>
          <h1>{t('owner.definitions.title')}</h1>
          <p role="alert">{t('owner.definition.notFound', { key })}</p>
        </>
      );
    }
    return <Failure error={result.error} onRetry={reload} />;
  }
  const definition = result.data;
  const deployed = deployedOf(location.state);
  const versions = [...definition.versions].sort((a, b) => b.version - a.version);
  const steps = Array.isArray(definition.plan.steps) ? definition.plan.steps.length : null;
  return (
    <>
      <p className="breadcrumb">
        <Link to="/definitions">{t('owner.definitions.title')}</Link>
      </p>
      <div className="page-heading">
        <h1>{definition.title}</h1>
        <Link className="button-link" to={`/definitions/${encodeURIComponent(definition.key)}/edit`}>
          {t('owner.definition.edit')}
        </Link>
      </div>
      {deployed ? (
        <p className="notice notice-ok" role="status">
          {deployed.created
            ? t('owner.definition.deployed', { version: deployed.version })
            : t('owner.definition.unchanged', { version: deployed.version })}
        </p>
      ) : null}
      <dl className="facts">
        <div>
          <dt>{t('owner.definition.key')}</dt>
          <dd>
            <code>{definition.key}</code>
          </dd>
        </div>
        <div>
          <dt>{t('owner.definition.latest')}</dt>
          <dd data-testid="latest-version">{definition.version}</dd>
        </div>
        <div>
          <dt>{t('owner.definition.owner')}</dt>
          <dd>{definition.owner}</dd>
        </div>
        {steps !== null ? (
          <div>
            <dt>{t('owner.definition.steps')}</dt>
            <dd>{steps}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t('owner.definition.deployedAt')}</dt>
          <dd>
            <time dateTime={definition.deployedAt}>{dateTime(definition.deployedAt)}</time>
          </dd>
        </div>
      </dl>

      <section aria-labelledby="source-heading">
        <h2 id="source-heading">{t('owner.definition.source', { version: definition.version })}</h2>
        <YamlEditor
          key={`${definition.key}@${definition.version}`}
          initial={definition.source}
          readOnly
          labelledBy="source-heading"
        />
      </section>

      <section aria-labelledby="versions-heading">
        <h2 id="versions-heading">{t('owner.definition.versions')}</h2>
        <table className="list">
          <thead>
            <tr>
              <th scope="col">{t('owner.definitions.column.version')}</th>
              <th scope="col">{t('owner.definitions.column.deployed')}</th>
              <th scope="col">{t('owner.definitions.column.owner')}</th>
              <th scope="col">{t('owner.definition.checksum')}</th>
            </tr>
          </thead>
          <tbody>
            {versions.map((version) => (
              <tr key={version.version}>
                <td>
                  {version.version}
                  {version.version === definition.version ? (
                    <span className="badge badge-completed">{t('owner.definition.latestBadge')}</span>
                  ) : null}
                </td>
                <td>{dateTime(version.deployedAt)}</td>
                <td>{version.owner}</td>
                <td>
                  <code title={version.checksum}>{version.checksum.slice(0, 12)}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}
