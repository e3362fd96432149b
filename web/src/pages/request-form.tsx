import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { type ApiError, api, idempotencyKey } from '../api';
import { Failure, Loading, usePageTitle } from '../components/feedback';
import SchemaForm, { errorsOutsideForm, FormRefusal } from '../forms/schema-form';
import { useI18n } from '../i18n/i18n';
import type { CatalogueItem, RequestDetails } from '../types';
import { asApiError, useApi } from '../use-api';

/** Asking for one item of the catalogue: its start form, sent as POST /catalogue/:key/requests. */
export function RequestFormPage() {
  const { t } = useI18n();
  const { key = '' } = useParams();
  const { result, reload } = useApi<CatalogueItem>(`/catalogue/${encodeURIComponent(key)}`);
  usePageTitle(result.state === 'ready' ? result.data.title : t('catalogue.title'));

  if (result.state === 'loading') return <Loading />;
  // One answer for an unknown key and one not offered to this user: the API does not tell them apart either.
  if (result.state === 'failed' && result.error.status !== 404) {
    return <Failure error={result.error} onRetry={reload} />;
  }
  if (result.state === 'failed') {
    return (
      <>
        <h1>{t('catalogue.title')}</h1>
        <p role="alert">{t('requestForm.notFound')}</p>
        <p>
          <Link to="/catalogue">{t('catalogue.title')}</Link>
        </p>
      </>
    );
  }
  return <RequestForm item={result.data} />;
}

function RequestForm({ item }: { readonly item: CatalogueItem }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [formData, setFormData] = useState<Record<string, unknown>>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [sending, setSending] = useState(false);
  // One key per request being filled in: a send retried after a lost answer opens one request, not two.
  const [key, setKey] = useState(idempotencyKey);

  async function send(input: Record<string, unknown>) {
    setSending(true);
    setError(null);
    try {
      const request = await api<RequestDetails>('POST', `/catalogue/${encodeURIComponent(item.key)}/requests`, {
        body: { input },
        headers: { 'idempotency-key': key },
      });
      navigate(`/requests/${encodeURIComponent(request.id)}`);
    } catch (failure) {
      const refused = asApiError(failure);
      // A refusal opened nothing: the corrected form is a new request.
      if (refused.status >= 400 && refused.status < 500) setKey(idempotencyKey());
      setError(refused);
      setSending(false);
    }
  }

  const fieldErrors = error?.status === 422 ? error.errors : [];
  const outside = errorsOutsideForm(fieldErrors, item.form);
  return (
    <>
      <h1>{item.title}</h1>
      {item.description ? <p className="description">{item.description}</p> : null}
      <p className="muted">{t('requestForm.fromYou')}</p>
      {error ? <FormRefusal error={error} refused={t('requestForm.refused')} outside={outside} /> : null}
      <SchemaForm
        schema={item.form}
        formData={formData}
        onChange={setFormData}
        onSubmit={(data) => void send(data)}
        errors={fieldErrors}
        idPrefix="request"
        disabled={sending}
      >
        <button type="submit" disabled={sending}>
          {sending ? t('requestForm.sending') : t('requestForm.submit')}
        </button>
      </SchemaForm>
    </>
  );
}
