import { Outlet } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Forbidden } from '../../components/feedback';
import { useMe } from '../auth/session';

/** `/admin/*` is for platform administrators only (the server enforces it too). */
export function RequirePlatformAdmin() {
  const { t } = useTranslation();
  const me = useMe().data;
  if (!me?.platformAdmin) return <Forbidden title={t('admin.forbiddenTitle')} message={t('admin.forbidden')} />;
  return <Outlet />;
}
