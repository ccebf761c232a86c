/** For the jsdom tests of this folder: what React Flow needs from a browser, and the pages in a router. */
import { cleanup, render } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, vi } from 'vitest';
import { changeLanguage } from '../../i18n';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/es/locale/zh_CN';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { MemoryRouter, Outlet, Route, Routes, useLocation } from 'react-router';
import type { Workspace } from '../../api';
import { installDomShims, json } from '../../testing/dom';
import FlowDesignerPage from './FlowDesignerPage';
import FlowsPage from './FlowsPage';
import InstancePage from './InstancePage';
import InstancesPage from './InstancesPage';
import InboxPage from '../approvals/InboxPage';
import MessagesPage from './MessagesPage';
import type { FlowGraph, FlowView } from './types';

export const ALL = ['app.view', 'app.manage', 'message.read'];

/** installDomShims plus React Flow's needs: DOMMatrixReadOnly (zoom) and SVG boxes (edge labels). */
export function installFlowShims(): void {
  installDomShims();
  const g = globalThis as unknown as { DOMMatrixReadOnly?: unknown };
  g.DOMMatrixReadOnly ??= class {
    m22: number;
    constructor(transform?: string) {
      const scale = /scale\(([\d.]+)\)/.exec(transform ?? '')?.[1];
      this.m22 = scale ? Number(scale) : 1;
    }
  };
  const svg = SVGElement.prototype as unknown as { getBBox?: () => DOMRect };
  svg.getBBox ??= () => ({ x: 0, y: 0, width: 0, height: 0 }) as DOMRect;
}

function Where() {
  const location = useLocation();
  return <div data-testid="location" data-path={location.pathname} />;
}

export function renderFlowsAt(path: string, permissions: string[] = ALL) {
  const workspace: Workspace = { id: 'w1', name: '团队', createdAt: '2026-01-01T00:00:00Z', roleId: 'r1', roleName: '所有者', permissions };
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false }, mutations: { retry: false } } });
  return render(
    <ConfigProvider locale={zhCN}>
      <AntApp>
        <QueryClientProvider client={client}>
          <MemoryRouter initialEntries={[path]}>
            <Where />
            <Routes>
              <Route path="/w/:workspaceId" element={<Outlet context={workspace} />}>
                <Route path="apps/:appId/flows" element={<FlowsPage />} />
                <Route path="apps/:appId/flows/:flowId/design" element={<FlowDesignerPage />} />
                <Route path="apps/:appId/flows/:flowId/instances" element={<InstancesPage />} />
                <Route path="flow-instances/:instanceId" element={<InstancePage />} />
                <Route path="inbox" element={<InboxPage />} />
                <Route path="messages" element={<MessagesPage />} />
              </Route>
            </Routes>
          </MemoryRouter>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>,
  );
}

type FetchHandler = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

/**
 * The set-up of a page test against a fake API, in zh-CN: the browser shims once, a fresh fake before
 * each test (`fresh` resets the test's state and returns the handler `fetch` goes to), cleaned after.
 */
export function serveFakeApi(fresh: () => FetchHandler): void {
  beforeAll(async () => {
    installFlowShims();
    await changeLanguage('zh-CN');
  });
  beforeEach(() => {
    vi.stubGlobal('fetch', vi.fn(fresh()));
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });
}


/** A published form of app a1 as the pickers read it: its list entry and its definition. */
export interface FakeForm {
  id: string;
  key: string;
  name: string;
  fields: { key: string; label: string; type: string }[];
}

/**
 * The designer's side of a fake API for flow f1 of app a1 in workspace w1: the draft it loads (the
 * last one saved, else `first`, shown with one problem on each listed node so tests can open them)
 * and saves (kept in `puts`), and the app's forms for the pickers. `answer` returns null for any
 * other route.
 */
export function fakeDesigner(first: FlowGraph, problems: Record<string, string>, forms: FakeForm[], name = '测试流程') {
  const ws = '/api/v1/workspaces/w1';
  const flowPath = `${ws}/apps/a1/flows/f1`;
  const puts: { graph: FlowGraph }[] = [];
  const view = (draft: FlowGraph): FlowView => ({
    id: 'f1', appId: 'a1', kind: 'journey', name, draft, draftVersion: puts.length + 1, publishedVersion: null, changedSincePublish: true,
    problems: Object.entries(problems).map(([nodeId, message]) => ({ field: `nodes.${nodeId}`, nodeId, code: 'check', message })),
    updatedAt: '2026-11-24T01:00:00Z',
  });
  const etag = () => ({ ETag: `"${puts.length + 1}"` });
  const answer = (url: URL, init?: RequestInit): Response | null => {
    const method = init?.method ?? 'GET';
    if (url.pathname === flowPath && method === 'GET') return json(200, view(puts.length ? puts[puts.length - 1].graph : first), etag());
    if (url.pathname === flowPath && method === 'PUT') {
      puts.push(JSON.parse(String(init?.body)));
      return json(200, view(puts[puts.length - 1].graph), etag());
    }
    if (url.pathname === `${ws}/apps/a1/forms`) {
      return json(200, forms.map((f) => ({ id: f.id, key: f.key, name: f.name, fieldCount: f.fields.length, draftVersion: 1, publishedVersion: 1,
        changedSincePublish: false, updatedAt: '2026-11-24T01:00:00Z' })));
    }
    const form = forms.find((f) => url.pathname === `${ws}/apps/a1/forms/${f.id}` || url.pathname === `${ws}/apps/a1/forms/${f.id}/published`);
    if (form) return json(200, { ...form, draftVersion: 1, publishedVersion: 1, changedSincePublish: false });
    return null;
  };
  return { puts, answer };
}
