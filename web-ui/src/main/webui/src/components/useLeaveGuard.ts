import { useEffect } from 'react';
import { App as AntApp } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

/**
 * For editors (forms, flows, rules): while `dirty`, the browser asks before the page is closed or reloaded, and a click on an in-app
 * link (the side menu, the back arrow, a breadcrumb) asks before leaving the page. The router here
 * is not a data router (no useBlocker), so links are caught in the capture phase, before theirs.
 */
export function useLeaveGuard(dirty: boolean): void {
  const { t } = useTranslation();
  const { modal } = AntApp.useApp();
  const navigate = useNavigate();

  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    const onClick = (e: MouseEvent) => {
      if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      const a = (e.target as Element | null)?.closest?.('a[href]') as HTMLAnchorElement | null;
      if (!a || (a.target && a.target !== '_self') || a.hasAttribute('download')) return;
      const url = new URL(a.href, window.location.href);
      if (url.origin !== window.location.origin) return;
      const to = `${url.pathname}${url.search}${url.hash}`;
      if (url.pathname === window.location.pathname) return;
      e.preventDefault();
      e.stopPropagation();
      modal.confirm({
        title: t('common.leave.title'),
        content: t('common.leave.confirm'),
        okText: t('common.leave.ok'),
        cancelText: t('common.leave.stay'),
        okButtonProps: { danger: true, ...({ 'data-testid': 'leave-ok' } as object) },
        onOk: () => {
          window.removeEventListener('beforeunload', warn);
          document.removeEventListener('click', onClick, true);
          navigate(to);
        },
      });
    };
    window.addEventListener('beforeunload', warn);
    document.addEventListener('click', onClick, true);
    return () => {
      window.removeEventListener('beforeunload', warn);
      document.removeEventListener('click', onClick, true);
    };
  }, [dirty, modal, navigate, t]);
}
