import { lazy, Suspense, useEffect, useState } from 'react';
import { App as AntApp, ConfigProvider, theme } from 'antd';
import enUS from 'antd/es/locale/en_US';
import zhCN from 'antd/es/locale/zh_CN';
import { QueryClient, QueryClientProvider, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { queryKeys, type Me } from './api';
import { setApiHooks } from './api/client';
import { ApiError } from './api/problem';
import { AppShell } from './components/AppShell';
import { FullPageSpin, NotFound } from './components/feedback';
import { RequireAuth } from './features/auth/RequireAuth';
import { resetSessionData } from './features/auth/session';
import { RequirePlatformAdmin } from './features/admin/RequirePlatformAdmin';
import HomeRedirect from './features/workspaces/HomeRedirect';
import { WorkspaceGate, WorkspaceIndex } from './features/workspaces/WorkspaceGate';
import { normalizeLang } from './i18n';

const LoginPage = lazy(() => import('./features/auth/LoginPage'));
const ChangePasswordPage = lazy(() => import('./features/auth/ChangePasswordPage'));
const AppsPage = lazy(() => import('./features/apps/AppsPage'));
const MembersPage = lazy(() => import('./features/admin/members/MembersPage'));
const DepartmentsPage = lazy(() => import('./features/admin/departments/DepartmentsPage'));
const RolesPage = lazy(() => import('./features/admin/roles/RolesPage'));
const AuditPage = lazy(() => import('./features/admin/audit/AuditPage'));
const JobsPage = lazy(() => import('./features/admin/jobs/JobsPage'));
const RulesPage = lazy(() => import('./features/rules/RulesPage'));
const RuleEditorPage = lazy(() => import('./features/rules/RuleEditorPage'));
const RuleRunsPage = lazy(() => import('./features/rules/RuleRunsPage'));
const FormsPage = lazy(() => import('./features/forms/FormsPage'));
const FormDesignerPage = lazy(() => import('./features/forms/FormDesignerPage'));
const FormRecordsPage = lazy(() => import('./features/forms/FormRecordsPage'));
const FlowsPage = lazy(() => import('./features/flows/FlowsPage'));
const FlowDesignerPage = lazy(() => import('./features/flows/FlowDesignerPage'));
const InstancesPage = lazy(() => import('./features/flows/InstancesPage'));
const InstancePage = lazy(() => import('./features/flows/InstancePage'));
const InboxPage = lazy(() => import('./features/approvals/InboxPage'));
const MessagesPage = lazy(() => import('./features/flows/MessagesPage'));

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        refetchOnWindowFocus: false,
        // a 4xx will not get better by asking again
        retry: (count, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
      },
      mutations: { retry: false },
    },
  });
}

/** Connects the API client's session events to the query cache (and so to the route guards). */
function SessionEvents() {
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const { t } = useTranslation();
  useEffect(() => {
    setApiHooks({
      onUnauthorized: () => {
        if (queryClient.getQueryData(queryKeys.me)) {
          message.warning({ content: t('auth.sessionExpired'), key: 'session-expired' });
        }
        resetSessionData(queryClient, null); // RequireAuth now sends the user to /login
      },
      onPasswordChangeRequired: () => {
        queryClient.setQueryData<Me | null>(queryKeys.me, (me) => (me ? { ...me, mustChangePassword: true } : me));
      },
    });
    return () => setApiHooks({});
  }, [queryClient, message, t]);
  return null;
}

export function AppRoutes() {
  return (
    <Suspense fallback={<FullPageSpin />}>
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route element={<RequireAuth />}>
          <Route path="/change-password" element={<ChangePasswordPage />} />
          <Route element={<AppShell />}>
            <Route index element={<HomeRedirect />} />
            <Route path="w/:workspaceId" element={<WorkspaceGate />}>
              <Route index element={<WorkspaceIndex />} />
              <Route path="apps" element={<AppsPage />} />
              <Route path="apps/:appId/forms" element={<FormsPage />} />
              <Route path="apps/:appId/forms/:formId/design" element={<FormDesignerPage />} />
              <Route path="apps/:appId/forms/:formId/records" element={<FormRecordsPage />} />
              <Route path="apps/:appId/flows" element={<FlowsPage />} />
              <Route path="apps/:appId/flows/:flowId/design" element={<FlowDesignerPage />} />
              <Route path="apps/:appId/flows/:flowId/instances" element={<InstancesPage />} />
              <Route path="flow-instances/:instanceId" element={<InstancePage />} />
              <Route path="inbox" element={<InboxPage />} />
              <Route path="messages" element={<MessagesPage />} />
              <Route path="apps/:appId/rules" element={<RulesPage />} />
              <Route path="apps/:appId/rules/new" element={<RuleEditorPage />} />
              <Route path="apps/:appId/rules/:ruleId" element={<RuleEditorPage />} />
              <Route path="apps/:appId/rule-runs" element={<RuleRunsPage />} />
              <Route path="members" element={<MembersPage />} />
              <Route path="departments" element={<DepartmentsPage />} />
              <Route path="roles" element={<RolesPage />} />
              <Route path="audit" element={<AuditPage scope="workspace" />} />
            </Route>
            <Route path="admin" element={<RequirePlatformAdmin />}>
              <Route index element={<Navigate to="/admin/jobs" replace />} />
              <Route path="jobs" element={<JobsPage />} />
              <Route path="audit" element={<AuditPage scope="platform" />} />
            </Route>
            <Route path="*" element={<NotFound />} />
          </Route>
        </Route>
      </Routes>
    </Suspense>
  );
}

export default function App() {
  const [queryClient] = useState(createQueryClient);
  const { i18n } = useTranslation();
  const lang = normalizeLang(i18n.language);

  return (
    <ConfigProvider
      locale={lang === 'en' ? enUS : zhCN}
      theme={{
        algorithm: theme.defaultAlgorithm,
        token: { colorPrimary: '#1677ff', borderRadius: 8 },
        components: {
          Layout: { headerBg: '#ffffff', siderBg: '#ffffff', headerPadding: '0 24px', bodyBg: '#f5f7fa', triggerBg: '#ffffff', triggerColor: 'rgba(0,0,0,0.65)' },
        },
      }}
    >
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <SessionEvents />
          <BrowserRouter>
            <AppRoutes />
          </BrowserRouter>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
