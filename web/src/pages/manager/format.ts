import { useMemo } from 'react';
import { useI18n } from '../../i18n/i18n';

/** Numbers in the user's language: amounts (no currency: processes declare their own), shares, hours. */
export function useNumbers() {
  const { locale } = useI18n();
  return useMemo(() => {
    const amount = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
    const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
    const hours = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
    return {
      amount: (value: number) => amount.format(value),
      percent: (value: number) => percent.format(value),
      hours: (value: number) => hours.format(value),
    };
  }, [locale]);
}
