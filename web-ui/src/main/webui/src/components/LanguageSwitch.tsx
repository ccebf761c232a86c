import { Segmented } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { changeLanguage, normalizeLang, type Lang } from '../i18n';

/** 中文 / English toggle. Server texts (problem details, built-in names) are refetched in the new language. */
/** 中文 / English; `compact` (a phone's header): 中 / EN. */
export function LanguageSwitch({ size = 'middle', compact = false }: { size?: 'small' | 'middle' | 'large'; compact?: boolean }) {
  const { i18n, t } = useTranslation();
  const queryClient = useQueryClient();
  const current = normalizeLang(i18n.language);

  const onChange = async (value: Lang) => {
    if (value === current) return;
    await changeLanguage(value);
    await queryClient.invalidateQueries();
  };

  return (
    <Segmented<Lang>
      data-testid="lang-switch"
      aria-label={t('lang.label')}
      size={size}
      value={current}
      onChange={(v) => void onChange(v)}
      options={[
        { value: 'zh-CN', label: <span data-testid="lang-zh" lang="zh-CN" title="中文">{compact ? '中' : '中文'}</span> },
        { value: 'en', label: <span data-testid="lang-en" lang="en" title="English">{compact ? 'EN' : 'English'}</span> },
      ]}
    />
  );
}
