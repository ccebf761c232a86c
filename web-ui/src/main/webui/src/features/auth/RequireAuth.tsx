import { Navigate, Outlet, useLocation } from 'react-router';
import { FullPageSpin, QueryError } from '../../components/feedback';
import { useMe, wasLoggedOutOnPurpose } from './session';

export const CHANGE_PASSWORD_PATH = '/change-password';

/**
 * Gate for everything but the login page: no session -> /login (remembering where the user was
 * going); a session that must change its password -> /change-password first.
 */
export function RequireAuth() {
  const me = useMe();
  const location = useLocation();

  if (me.isPending) return <FullPageSpin />;
  if (me.isError) {
    return (
      <div style={{ maxWidth: 560, margin: '80px auto', padding: 16 }}>
        <QueryError error={me.error} onRetry={() => void me.refetch()} />
      </div>
    );
  }
  if (!me.data) {
    const from = `${location.pathname}${location.search}`;
    const remember = from !== '/' && !wasLoggedOutOnPurpose();
    return <Navigate to="/login" replace state={remember ? { from } : undefined} />;
  }
  if (me.data.mustChangePassword && location.pathname !== CHANGE_PASSWORD_PATH) {
    const from = `${location.pathname}${location.search}`;
    return <Navigate to={CHANGE_PASSWORD_PATH} replace state={{ from, forced: true }} />;
  }
  return <Outlet />;
}
