// @vitest-environment jsdom
/**
 * The flow designer against a fake of the flow engine's API: the draft drawn with the server's
 * problems on its nodes, edits that make it unsaved, a save (PUT with If-Match and the graph as the
 * server takes it), a publish the server refuses (its errors on the nodes and edges) and one it
 * takes, a stale save, versions read only, and a read-only designer without app.manage.
 */
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { changeLanguage } from '../../i18n';
import { json } from '../../testing/dom';
import { installFlowShims, renderFlowsAt } from './testing';
import type { FlowGraph, FlowProblem, FlowView } from './types';

const FLOW = '/api/v1/workspaces/w1/apps/a1/flows/f1';
const PATH = '/w/w1/apps/a1/flows/f1/design';

const DRAFT: FlowGraph = {
  nodes: [
    { id: 'start', type: 'trigger', name: '提交', config: { on: 'manual' }, position: { x: 0, y: 0 } },
    { id: 'approve', type: 'approval', name: '经理审批', config: { mode: 'any' }, position: { x: 0, y: 150 } },
    { id: 'end', type: 'end', name: '结束', config: {}, position: { x: 0, y: 300 } },
  ],
  edges: [
    { from: 'start', to: 'approve' },
    { from: 'approve', to: 'end', when: 'bogus' },
  ],
};

interface Call {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

/** The fake's validator: approvals need assignees, and an approval's edges "approved"/"rejected". */
function check(graph: FlowGraph): FlowProblem[] {
  const problems: FlowProblem[] = [];
  for (const n of graph.nodes) {
    if (n.type === 'approval' && !n.config.assignees) problems.push({ field: `nodes.${n.id}`, nodeId: n.id, code: 'flow.config.assignees', message: '请设置审批人。' });
  }
  graph.edges.forEach((e, i) => {
    const from = graph.nodes.find((n) => n.id === e.from);
    if (from?.type === 'approval' && e.when !== undefined && e.when !== 'approved' && e.when !== 'rejected') {
      problems.push({ field: `edges[${i}]`, edgeIndex: i, code: 'flow.graph.edgeWhen', message: '这条连线的条件不适合它的起点节点。' });
    }
  });
  return problems;
}

class FakeFlow {
  draft: FlowGraph = structuredClone(DRAFT);
  name = '请假审批';
  description = '';
  draftVersion = 3;
  publishedVersion: number | null = null;
  publishedDraft: number | null = null;
  calls: Call[] = [];
  /** the next publish is refused with these errors (as the server words a flow.invalid) */
  refusePublishWith: { field: string; code: string; message: string }[] | null = null;
  /** another user saves before the next PUT */
  changeBehindTheUsersBack = false;

  view(): FlowView {
    return {
      id: 'f1', appId: 'a1', kind: 'approval', name: this.name, description: this.description, draft: this.draft, draftVersion: this.draftVersion,
      publishedVersion: this.publishedVersion, changedSincePublish: this.publishedDraft !== this.draftVersion, problems: check(this.draft),
      updatedAt: '2026-11-20T02:00:00Z',
    };
  }

  handle = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input), 'http://localhost');
    const method = init?.method ?? 'GET';
    const headers = (init?.headers ?? {}) as Record<string, string>;
    const body = init?.body ? JSON.parse(String(init.body)) : undefined;
    this.calls.push({ method, path: url.pathname, headers, body });
    const etag = { ETag: `"${this.draftVersion}"` };
    if (url.pathname === FLOW && method === 'GET') return json(200, this.view(), etag);
    if (url.pathname === FLOW && method === 'PUT') {
      if (this.changeBehindTheUsersBack) {
        this.changeBehindTheUsersBack = false;
        this.draftVersion += 1;
      }
      if (headers['If-Match'] !== `"${this.draftVersion}"`) return json(412, { status: 412, detail: '流程已被修改' });
      this.draft = body.graph;
      this.name = body.name ?? this.name;
      this.description = body.description ?? this.description;
      this.draftVersion += 1;
      return json(200, this.view(), { ETag: `"${this.draftVersion}"` });
    }
    if (url.pathname === `${FLOW}/publish` && method === 'POST') {
      if (headers['If-Match'] !== `"${this.draftVersion}"`) return json(412, { status: 412, detail: '流程已被修改' });
      if (this.refusePublishWith) {
        const errors = this.refusePublishWith;
        this.refusePublishWith = null;
        return json(400, { type: 'https://qiaoban.io/problems/flow.invalid', status: 400, title: '流程还不能发布', detail: `“${this.name}”还有 ${errors.length} 处问题，已标在对应的节点和连线上，改好后再发布。`, errors });
      }
      this.publishedVersion = (this.publishedVersion ?? 0) + 1;
      this.publishedDraft = this.draftVersion;
      return json(200, this.view(), etag);
    }
    if (url.pathname === `${FLOW}/versions`) return json(200, [{ version: 1, publishedBy: 'u1', publishedAt: '2026-11-19T02:00:00Z' }]);
    if (url.pathname === `${FLOW}/versions/1`) return json(200, DRAFT);
    return json(404, { status: 404, detail: 'no route' });
  };

  last(method: string, path = FLOW): Call | undefined {
    return [...this.calls].reverse().find((c) => c.method === method && c.path === path);
  }
}

let api: FakeFlow;

beforeAll(async () => {
  installFlowShims();
  await changeLanguage('zh-CN');
});

beforeEach(() => {
  api = new FakeFlow();
  vi.stubGlobal('fetch', vi.fn(api.handle));
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const nodeCard = (id: string) => screen.getByTestId(`flow-node-${id}`);
const problemEntries = () => screen.queryAllByTestId('flow-problem');
const problemOf = (text: string) => problemEntries().find((p) => p.textContent?.includes(text));

async function openDesigner(permissions?: string[]) {
  renderFlowsAt(PATH, permissions);
  await screen.findByTestId('flow-designer');
  await screen.findByTestId('flow-node-approve');
}

describe('flow designer (jsdom, fake API)', { timeout: 90_000 }, () => {
  it('draws the draft with the server\'s problems on their node and edge', async () => {
    await openDesigner();
    expect(nodeCard('start').textContent).toContain('提交');
    expect(nodeCard('start').textContent).toContain('手动发起');
    expect(nodeCard('approve').textContent).toContain('经理审批');
    expect(nodeCard('approve').getAttribute('data-problems')).toBe('1');
    expect(within(nodeCard('approve')).getByTestId('flow-node-problem-badge')).toBeTruthy();
    expect(nodeCard('start').getAttribute('data-problems')).toBe('0');
    expect(screen.getByTestId('flow-problems-title').textContent).toBe('问题（2）');
    expect(problemOf('请设置审批人。')?.textContent).toContain('经理审批');
    expect(problemOf('这条连线的条件不适合')?.textContent).toContain('经理审批 → 结束');

    // a node's problem selects it: its panel shows the problem
    fireEvent.click(problemOf('请设置审批人。')!);
    const panel = await screen.findByTestId('flow-node-panel');
    expect(panel.getAttribute('data-node')).toBe('approve');
    expect(within(panel).getByTestId('flow-node-panel-problem').textContent).toContain('请设置审批人。');
    expect((within(panel).getByTestId('flow-node-name') as HTMLInputElement).value).toBe('经理审批');

    // an edge's problem selects the edge: the choices of an approval's edge
    fireEvent.click(problemOf('这条连线的条件不适合')!);
    const edge = await screen.findByTestId('flow-edge-panel');
    expect(within(edge).getByText('通过')).toBeTruthy();
    expect(within(edge).getByText('驳回')).toBeTruthy();
    expect(within(edge).getByText(/bogus/)).toBeTruthy(); // kept, marked as no longer fitting
    expect(screen.queryByTestId('flow-unsaved')).toBeNull();
  });

  it('saves the edited graph with If-Match and shows what the server still finds', async () => {
    await openDesigner();
    fireEvent.click(problemOf('这条连线的条件不适合')!);
    fireEvent.click(await screen.findByTestId('flow-edge-when-rejected'));
    await screen.findByTestId('flow-unsaved');

    fireEvent.click(problemOf('请设置审批人。')!);
    const panel = await screen.findByTestId('flow-node-panel');
    fireEvent.change(within(panel).getByTestId('flow-node-name'), { target: { value: '主管审批' } });
    fireEvent.change(within(screen.getByTestId('flow-approval-roles')).getByRole('combobox'), { target: { value: '经理,' } });
    await waitFor(() => expect(nodeCard('approve').textContent).toContain('经理'));

    fireEvent.click(screen.getByTestId('flow-save'));
    await waitFor(() => expect(api.last('PUT')).toBeTruthy());
    const put = api.last('PUT')!;
    expect(put.headers['If-Match']).toBe('"3"');
    expect(put.body).toEqual({
      name: '请假审批',
      description: '',
      graph: {
        nodes: [
          { id: 'start', type: 'trigger', name: '提交', config: { on: 'manual' }, position: { x: 0, y: 0 } },
          { id: 'approve', type: 'approval', name: '主管审批', config: { mode: 'any', assignees: { by: 'role', roles: ['经理'] } }, position: { x: 0, y: 150 } },
          { id: 'end', type: 'end', name: '结束', config: {}, position: { x: 0, y: 300 } },
        ],
        edges: [
          { from: 'start', to: 'approve' },
          { from: 'approve', to: 'end', when: 'rejected' },
        ],
      },
    });
    await screen.findByTestId('flow-problems-none');
    await waitFor(() => expect(screen.queryByTestId('flow-unsaved')).toBeNull());
    expect(nodeCard('approve').getAttribute('data-problems')).toBe('0');

    // the next save sends the new version
    fireEvent.change(screen.getByTestId('flow-name-input'), { target: { value: '请假审批（新）' } });
    fireEvent.click(screen.getByTestId('flow-save'));
    await waitFor(() => expect(api.calls.filter((c) => c.method === 'PUT')).toHaveLength(2));
    expect(api.last('PUT')!.headers['If-Match']).toBe('"4"');
    expect(api.last('PUT')!.body).toMatchObject({ name: '请假审批（新）' });
  });

  it('shows the errors of a refused publish on their nodes and edges, then publishes', async () => {
    await openDesigner();
    api.refusePublishWith = [
      { field: 'nodes.end', code: 'flow.graph.unreachable', message: '从触发节点走不到这个节点。' },
      { field: 'edges[0]', code: 'flow.graph.edgeWhen', message: '第一条连线有问题' },
    ];
    fireEvent.click(screen.getByTestId('flow-publish'));
    await waitFor(() => expect(nodeCard('end').getAttribute('data-problems')).toBe('1'));
    expect(api.last('POST', `${FLOW}/publish`)!.headers['If-Match']).toBe('"3"');
    expect(await screen.findByText(/还有 2 处问题/)).toBeTruthy();
    expect(nodeCard('approve').getAttribute('data-problems')).toBe('0'); // the publish's errors are the truth now
    expect(problemOf('第一条连线有问题')?.textContent).toContain('提交 → 经理审批');
    // the first node with a problem is selected
    expect((await screen.findByTestId('flow-node-panel')).getAttribute('data-node')).toBe('end');

    fireEvent.click(screen.getByTestId('flow-publish'));
    expect(await screen.findByText('已发布第 1 版')).toBeTruthy();
    await waitFor(() => expect(screen.getByTestId('flow-status').getAttribute('data-status')).toBe('published'));
  });

  it('adds a node from the palette, saves before publishing, and says when someone else changed the flow', async () => {
    await openDesigner();
    fireEvent.click(screen.getByTestId('flow-palette-wait'));
    const added = await screen.findByTestId('flow-node-wait1');
    expect(added.textContent).toContain('等待');
    expect(added.textContent).toContain('1 天');
    const panel = await screen.findByTestId('flow-node-panel');
    expect(panel.getAttribute('data-node')).toBe('wait1');
    fireEvent.change(within(panel).getByTestId('flow-wait-duration-amount'), { target: { value: '7' } });
    await waitFor(() => expect(nodeCard('wait1').textContent).toContain('7 天'));
    expect(screen.getByTestId('flow-unsaved')).toBeTruthy();

    api.changeBehindTheUsersBack = true;
    fireEvent.click(screen.getByTestId('flow-publish'));
    expect(await screen.findByTestId('flow-stale')).toBeTruthy();
    expect(api.last('PUT')!.body).toMatchObject({
      graph: { nodes: expect.arrayContaining([{ id: 'wait1', type: 'wait', name: '等待', config: { duration: 'P7D' }, position: { x: 0, y: 440 } }]) },
    });
    expect(api.calls.some((c) => c.path === `${FLOW}/publish`)).toBe(false);
  });

  it('lists the versions and shows one read only', async () => {
    await openDesigner();
    fireEvent.click(screen.getByTestId('flow-versions-open'));
    fireEvent.click(await screen.findByTestId('flow-version-view-1'));
    const viewer = await screen.findByTestId('flow-viewer');
    await waitFor(() => expect(within(viewer).getAllByTestId(/^flow-node-/)).toHaveLength(3));
    expect(screen.getByText('第 1 版（只读）')).toBeTruthy();
  });

  it('is read only without app.manage', async () => {
    await openDesigner(['app.view']);
    expect(screen.getByTestId('flow-read-only')).toBeTruthy();
    expect(screen.queryByTestId('flow-save')).toBeNull();
    expect(screen.queryByTestId('flow-publish')).toBeNull();
    expect(screen.queryByTestId('flow-palette')).toBeNull();
    fireEvent.click(problemOf('请设置审批人。')!);
    const panel = await screen.findByTestId('flow-node-panel');
    expect((within(panel).getByTestId('flow-node-name') as HTMLInputElement).disabled).toBe(true);
    expect(within(panel).queryByTestId('flow-node-delete')).toBeNull();
  });
});
