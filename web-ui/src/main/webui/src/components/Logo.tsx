import { Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** The mark and the name; `compact`: the mark alone (a phone's header has no room for the name). */
export function Logo({ onDark = false, compact = false }: { onDark?: boolean; compact?: boolean }) {
  const { t } = useTranslation();
  return (
    <Flex align="center" gap={10} data-testid="brand">
      <svg width="28" height="28" viewBox="0 0 32 32" aria-hidden="true">
        <rect width="32" height="32" rx="7" fill="#1677ff" />
        <path d="M8 8h7v7H8zM17 8l7 7h-7zM8 17h7l-7 7zM17 17h7v7h-7z" fill="#fff" />
      </svg>
      {!compact && (
        <Typography.Text strong style={{ fontSize: 18, color: onDark ? '#fff' : undefined, whiteSpace: 'nowrap' }}>
          {t('app.fullName')}
        </Typography.Text>
      )}
    </Flex>
  );
}
