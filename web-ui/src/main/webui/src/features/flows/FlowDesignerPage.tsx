import { useCallback, useMemo, useRef, useState } from 'react';
import { applyEdgeChanges, applyNodeChanges, ReactFlowProvider, type Connection, type EdgeChange, type NodeChange, type XYPosition } from '@xyflow/react';
import { Alert, App as AntApp, Badge, Button, Card, Empty, Form, Input, Space } from 'antd';
import { ArrowLeftOutlined, CloudUploadOutlined, ExperimentOutlined, HistoryOutlined, SaveOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/problem';
import { errorMessage } from '../../components/errors';
import { Forbidden, FullPageSpin, NotFound, QueryError } from '../../components/feedback';
import { tid } from '../../components/testid';
import { can, canOpen } from '../workspaces/permissions';
import { useWorkspace } from '../workspaces/WorkspaceGate';
import { EdgePanel } from './EdgePanel';
import { FlowCanvas } from './FlowCanvas';
import { FlowPalette } from './FlowPalette';
import { FlowKindTag, FlowStatusTag } from './FlowStatusTag';
import type { VersionedFlow } from './flowsApi';
import {
  connect,
  flowToGraph,
  followVariantRenames,
  graphToFlow,
  LAYOUT,
  nextNodeId,
  placeProblems,
  removeElements,
  setEdgeWhen,
  uniqueName,
  variantsOf,
  type DesignerEdge,
  type DesignerNode,
  type FlowNodeData,
  type PlacedProblems,
} from './graph';
import { NodePanel } from './NodePanel';
import { defaultConfig } from './nodeTypes';
import { flowsPath } from './paths';
import { ProblemsPanel } from './ProblemsPanel';
import { SimulationDrawer } from './SimulationDrawer';
import { JourneyGoalPanel, type JourneyOutcome } from './JourneyGoalPanel';
import type { FlowGraph, FlowView } from './types';
import { useFlow, usePublishFlow, useSaveFlow } from './useFlows';
import { useLeaveGuard } from '../../components/useLeaveGuard';
import { VersionsDrawer } from './VersionsDrawer';

/** The form whose records start the flow, if its trigger names one. */
function triggerForm(nodes: DesignerNode[]): string | null {
  const form = nodes.find((n) => n.data.type === 'trigger')?.data.config.form;
  return typeof form === 'string' && form.trim() ? form.trim() : null;
}

export default function FlowDesignerPage() {
  const workspace = useWorkspace();
  const { t } = useTranslation();
  const { appId = '', flowId = '' } = useParams();
  const flow = useFlow(workspace.id, appId, flowId);
  // bumped by "reload" after a conflict: the designer then starts again from the server's draft
  const [generation, setGeneration] = useState(0);
  if (!canOpen(workspace, 'apps')) return <Forbidden />;
  if (flow.error) {
    if (flow.error instanceof ApiError && flow.error.status === 404) return <NotFound message={errorMessage(flow.error, t)} />;
    return <QueryError error={flow.error} onRetry={() => void flow.refetch()} />;
  }
  if (!flow.data) return <FullPageSpin />;
  return (
    <ReactFlowProvider key={`${flowId}:${generation}`}>
      <Designer
        workspaceId={workspace.id}
        appId={appId}
        loaded={flow.data}
        readOnly={!can(workspace, 'app.manage')}
        onReload={() => void flow.refetch().then(() => setGeneration((g) => g + 1))}
      />
    </ReactFlowProvider>
  );
}

/** The graph as saved: the drawing, and for journeys their goal and exit condition. */
function graphOf(nodes: DesignerNode[], edges: DesignerEdge[], outcome: JourneyOutcome): FlowGraph {
  const graph = flowToGraph(nodes, edges);
  const exitWhen = outcome.exitWhen.trim();
  return { ...graph, ...(outcome.goal ? { goal: outcome.goal } : {}), ...(exitWhen ? { exitWhen } : {}) };
}

/** What decides whether there is something to save. */
function comparable(name: string, description: string, nodes: DesignerNode[], edges: DesignerEdge[], outcome: JourneyOutcome): string {
  return JSON.stringify([name.trim(), description.trim(), graphOf(nodes, edges, outcome)]);
}

function Designer({ workspaceId, appId, loaded, readOnly, onReload }: {
  workspaceId: string;
  appId: string;
  loaded: VersionedFlow;
  readOnly: boolean;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const flowId = loaded.flow.id;
  const save = useSaveFlow(workspaceId, appId, flowId);
  const publish = usePublishFlow(workspaceId, appId, flowId);

  const initial = useMemo(() => graphToFlow(loaded.flow.draft), [loaded.flow.draft]);
  const [nodes, setNodes] = useState<DesignerNode[]>(initial.nodes);
  const [edges, setEdges] = useState<DesignerEdge[]>(initial.edges);
  const [name, setName] = useState(loaded.flow.name);
  const [description, setDescription] = useState(loaded.flow.description ?? '');
  const [outcome, setOutcome] = useState<JourneyOutcome>({ goal: loaded.flow.draft.goal ?? null, exitWhen: loaded.flow.draft.exitWhen ?? '' });
  const [server, setServer] = useState<FlowView>(loaded.flow);
  const [etag, setEtag] = useState(loaded.etag);
  const [savedKey, setSavedKey] = useState(() => comparable(loaded.flow.name, loaded.flow.description ?? '', initial.nodes, initial.edges, outcome));
  // the React Flow ids of the edges of the graph the server last checked, in order: its `edges[i]`
  const checkedEdgeIds = useRef<string[]>(initial.edges.map((e) => e.id));
  const [problems, setProblems] = useState<PlacedProblems>(() => placeProblems(loaded.flow.problems ?? [], checkedEdgeIds.current));
  const [stale, setStale] = useState(false);
  const [versionsOpen, setVersionsOpen] = useState(false);
  const [testing, setTesting] = useState(false);

  const dirty = !readOnly && comparable(name, description, nodes, edges, outcome) !== savedKey;
  useLeaveGuard(dirty);

  const onNodesChange = useCallback(
    (changes: NodeChange<DesignerNode>[]) => setNodes((ns) => applyNodeChanges(readOnly ? changes.filter((c) => c.type === 'select' || c.type === 'dimensions') : changes, ns)),
    [readOnly],
  );
  const onEdgesChange = useCallback(
    (changes: EdgeChange<DesignerEdge>[]) => setEdges((es) => applyEdgeChanges(readOnly ? changes.filter((c) => c.type === 'select') : changes, es)),
    [readOnly],
  );
  const onConnect = useCallback(
    (c: Connection) => {
      if (readOnly) return;
      setEdges((es) => connect(nodes, es, c.source, c.target) ?? es);
    },
    [nodes, readOnly],
  );

  /** Selects one node or edge (null: nothing), as a click on the canvas would. */
  const select = useCallback((kind: 'node' | 'edge' | null, id?: string) => {
    setNodes((ns) => ns.map((n) => {
      const want = kind === 'node' && n.id === id;
      return !!n.selected === want ? n : { ...n, selected: want };
    }));
    setEdges((es) => es.map((e) => {
      const want = kind === 'edge' && e.id === id;
      return !!e.selected === want ? e : { ...e, selected: want };
    }));
  }, []);

  const addNode = (type: string, at?: XYPosition) => {
    const id = nextNodeId(type, nodes.map((n) => n.id));
    const anchor = nodes.find((n) => n.selected) ?? [...nodes].sort((a, b) => b.position.y - a.position.y)[0];
    const position = at ?? (anchor ? { x: anchor.position.x, y: anchor.position.y + LAYOUT.rowHeight } : { x: 0, y: 0 });
    const node: DesignerNode = {
      id,
      type: 'flow',
      position,
      selected: true,
      data: { type, name: uniqueName(t(`flows.node.${type}`), nodes), config: defaultConfig(type, loaded.flow.kind) },
    };
    setNodes((ns) => [...ns.map((n) => (n.selected ? { ...n, selected: false } : n)), node]);
    setEdges((es) => es.map((e) => (e.selected ? { ...e, selected: false } : e)));
  };

  const updateNode = (id: string, patch: Partial<FlowNodeData>) => {
    const node = nodes.find((n) => n.id === id);
    if (node?.data.type === 'ab' && patch.config) {
      const before = variantsOf(node.data.config);
      const after = variantsOf(patch.config);
      setEdges((es) => followVariantRenames(es, id, before, after));
    }
    setNodes((ns) => ns.map((n) => (n.id === id ? { ...n, data: { ...n.data, ...patch } } : n)));
  };

  const remove = (nodeIds: string[], edgeIds: string[]) => {
    const next = removeElements(nodes, edges, nodeIds, edgeIds);
    setNodes(next.nodes);
    setEdges(next.edges);
  };

  const failed = (e: unknown) => {
    if (e instanceof ApiError && e.status === 412) {
      setStale(true);
      return;
    }
    message.error(errorMessage(e, t));
  };

  /** Saves the draft (kept by the server whatever its problems); null when it was refused. */
  const saveDraft = async (): Promise<VersionedFlow | null> => {
    const graph = graphOf(nodes, edges, outcome);
    const sentEdgeIds = edges.map((e) => e.id);
    const key = comparable(name, description, nodes, edges, outcome);
    try {
      const res = await save.mutateAsync({ change: { name: name.trim(), description: description.trim(), graph }, etag });
      checkedEdgeIds.current = sentEdgeIds;
      setEtag(res.etag);
      setServer(res.flow);
      setSavedKey(key);
      setProblems(placeProblems(res.flow.problems ?? [], sentEdgeIds));
      return res;
    } catch (e) {
      failed(e);
      return null;
    }
  };

  const onSave = async () => {
    const res = await saveDraft();
    if (!res) return;
    const count = res.flow.problems?.length ?? 0;
    if (count) message.warning(t('flows.designer.savedWithProblems', { count }));
    else message.success(t('flows.designer.saved'));
  };

  const onPublish = async () => {
    let tag = etag;
    if (dirty) {
      const saved = await saveDraft();
      if (!saved) return;
      tag = saved.etag;
    }
    try {
      const res = await publish.mutateAsync(tag);
      setEtag(res.etag);
      setServer(res.flow);
      setProblems(placeProblems(res.flow.problems ?? [], checkedEdgeIds.current));
      message.success(t('flows.designer.published', { version: res.flow.publishedVersion }));
    } catch (e) {
      if (e instanceof ApiError && e.status === 400 && e.fieldErrors.length) {
        const placed = placeProblems(e.fieldErrors, checkedEdgeIds.current);
        setProblems(placed);
        const first = Object.keys(placed.nodes).find((id) => nodes.some((n) => n.id === id));
        if (first) select('node', first);
      }
      if (e instanceof ApiError && e.status === 409) message.info(e.message);
      else failed(e);
    }
  };

  const selectedNode = nodes.find((n) => n.selected);
  const selectedEdge = selectedNode ? undefined : edges.find((e) => e.selected);
  const busy = save.isPending || publish.isPending;

  return (
    <div data-testid="flow-designer">
      <Space style={{ marginBottom: 12, width: '100%', justifyContent: 'space-between' }} wrap>
        <Space wrap>
          <Link to={flowsPath(workspaceId, appId)} aria-label={t('flows.designer.back')} data-testid="flow-back"><ArrowLeftOutlined /></Link>
          <Input value={name} onChange={(e) => setName(e.target.value)} maxLength={100} disabled={readOnly}
            style={{ width: 240, fontWeight: 600 }} {...tid('flow-name-input')} />
          <FlowKindTag kind={loaded.flow.kind} />
          <FlowStatusTag publishedVersion={server.publishedVersion} changedSincePublish={server.changedSincePublish} />
          {dirty && <Badge status="warning" text={t('flows.designer.unsaved')} data-testid="flow-unsaved" />}
        </Space>
        <Space>
          <Button icon={<HistoryOutlined />} onClick={() => setVersionsOpen(true)} {...tid('flow-versions-open')}>
            {t('flows.designer.versions')}
          </Button>
          {!readOnly && (
            <>
              <Button icon={<ExperimentOutlined />} onClick={() => setTesting(true)} disabled={busy || stale} {...tid('flow-test-open')}>
                {t('flows.test.open')}
              </Button>
              <Button icon={<SaveOutlined />} onClick={() => void onSave()} loading={save.isPending} disabled={!dirty || busy || stale} {...tid('flow-save')}>
                {t('flows.designer.save')}
              </Button>
              <Button type="primary" icon={<CloudUploadOutlined />} onClick={() => void onPublish()} loading={publish.isPending} disabled={busy || stale}
                {...tid('flow-publish')}>
                {t('flows.designer.publish')}
              </Button>
            </>
          )}
        </Space>
      </Space>
      {stale && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('flows.designer.stale')} data-testid="flow-stale"
          action={<Button size="small" onClick={onReload} {...tid('flow-reload')}>{t('flows.designer.reload')}</Button>} />
      )}
      {readOnly && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('flows.designer.readOnly')} data-testid="flow-read-only" />}
      <div style={{ display: 'flex', gap: 12, alignItems: 'stretch' }}>
        {!readOnly && (
          <Card size="small" title={t('flows.designer.palette')} style={{ width: 170, flex: 'none' }}>
            <FlowPalette onAdd={(type) => addNode(type)} />
          </Card>
        )}
        <div style={{ flex: 1, minWidth: 0, height: 'calc(100vh - 200px)', minHeight: 520, background: '#fff', borderRadius: 8, border: '1px solid #f0f0f0' }}>
          <FlowCanvas
            nodes={nodes}
            edges={edges}
            problems={problems}
            readOnly={readOnly}
            onNodesChange={onNodesChange}
            onEdgesChange={onEdgesChange}
            onConnect={onConnect}
            onDropType={(type, at) => addNode(type, at)}
          />
        </div>
        <div style={{ width: 340, flex: 'none', display: 'flex', flexDirection: 'column', gap: 12 }}>
          <Card size="small" title={selectedNode || selectedEdge ? t('flows.designer.properties') : t('flows.designer.flowProperties')}>
            {selectedNode ? (
              <NodePanel
                key={selectedNode.id}
                node={selectedNode}
                triggerForm={triggerForm(nodes)}
                readOnly={readOnly}
                problems={problems.nodes[selectedNode.id] ?? []}
                onChange={(patch) => updateNode(selectedNode.id, patch)}
                onRemove={() => remove([selectedNode.id], [])}
              />
            ) : selectedEdge ? (
              <EdgePanel
                key={selectedEdge.id}
                edge={selectedEdge}
                source={nodes.find((n) => n.id === selectedEdge.source)}
                target={nodes.find((n) => n.id === selectedEdge.target)}
                readOnly={readOnly}
                problems={problems.edges[selectedEdge.id] ?? []}
                onChange={(when) => setEdges((es) => setEdgeWhen(es, selectedEdge.id, when))}
                onRemove={() => remove([], [selectedEdge.id])}
              />
            ) : (
              <Form layout="vertical" size="small" disabled={readOnly} data-testid="flow-properties">
                <Form.Item label={t('flows.description')}>
                  <Input.TextArea value={description} onChange={(e) => setDescription(e.target.value)} maxLength={500}
                    autoSize={{ minRows: 2, maxRows: 5 }} placeholder={t('flows.descriptionPlaceholder')} {...tid('flow-description')} />
                </Form.Item>
                {loaded.flow.kind === 'journey' && (
                  <JourneyGoalPanel triggerForm={triggerForm(nodes)} value={outcome}
                    onChange={setOutcome} problems={problems.graph.filter((p) => p.field === 'goal')} readOnly={readOnly} />
                )}
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('flows.designer.noSelection')} />
              </Form>
            )}
          </Card>
          <Card size="small" title={<span data-testid="flow-problems-title">{t('flows.designer.problemsTitle', { count: problems.count })}</span>}
            styles={{ body: { maxHeight: 320, overflow: 'auto' } }}>
            <ProblemsPanel
              problems={problems}
              nodes={nodes}
              edges={edges}
              onSelectNode={(id) => select('node', id)}
              onSelectEdge={(id) => select('edge', id)}
            />
          </Card>
        </div>
      </div>
      {testing && (
        <SimulationDrawer workspaceId={workspaceId} appId={appId} flowId={flowId} kind={loaded.flow.kind} formKey={triggerForm(nodes)}
          nodes={nodes} edges={edges} prepare={async () => !dirty || (await saveDraft()) !== null} onClose={() => setTesting(false)} />
      )}
      {versionsOpen && <VersionsDrawer workspaceId={workspaceId} appId={appId} flowId={flowId} onClose={() => setVersionsOpen(false)} />}
    </div>
  );
}
