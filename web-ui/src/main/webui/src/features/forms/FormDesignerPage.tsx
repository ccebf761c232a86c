import { useCallback, useMemo, useState } from 'react';
import {
  DndContext,
  DragOverlay,
  KeyboardSensor,
  PointerSensor,
  closestCenter,
  useSensor,
  useSensors,
  type DragEndEvent,
  type DragStartEvent,
} from '@dnd-kit/core';
import { sortableKeyboardCoordinates } from '@dnd-kit/sortable';
import { Alert, App as AntApp, Badge, Button, Card, Col, Input, Row, Segmented, Space, Typography } from 'antd';
import { ArrowLeftOutlined, CloudUploadOutlined, SafetyOutlined, SaveOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError, type FieldProblem } from '../../api/problem';
import { errorMessage } from '../../components/errors';
import { Forbidden, FullPageSpin, QueryError } from '../../components/feedback';
import { tid } from '../../components/testid';
import { can } from '../workspaces/permissions';
import { useWorkspace } from '../workspaces/WorkspaceGate';
import { Canvas } from './Canvas';
import {
  fieldsOf, fromDraft, insertField, insertSection, moveItem, problemsByField, removeItem, renameSection, reshapedOnOpen, setSpan, setTitleField,
  toDraft, updateField,
  type DesignerState,
} from './designer';
import { FormPermissionsDrawer } from './FormPermissionsDrawer';
import { FormPreview } from './FormPreview';
import { FormStatusTag } from './FormStatusTag';
import type { VersionedForm } from './formsApi';
import { Palette, PaletteCard } from './Palette';
import { formsPath, recordsPath } from './paths';
import { FormSettingsPanel, PropertyPanel, SectionPanel } from './PropertyPanel';
import { PublishModal } from './PublishModal';
import type { FieldDefinition, FieldType } from './types';
import { useForm, useFormList, usePublishForm, useSaveForm } from './useForms';
import { useLeaveGuard } from '../../components/useLeaveGuard';

export default function FormDesignerPage() {
  const workspace = useWorkspace();
  const { appId = '', formId = '' } = useParams();
  const form = useForm(workspace.id, appId, formId);
  // bumped by "reload" after a conflict: the designer then starts again from the server's draft
  const [generation, setGeneration] = useState(0);
  if (!can(workspace, 'app.manage')) return <Forbidden />;
  if (form.error) return <QueryError error={form.error} onRetry={() => void form.refetch()} />;
  if (!form.data) return <FullPageSpin />;
  return (
    <Designer
      key={`${formId}:${generation}`}
      workspaceId={workspace.id}
      appId={appId}
      loaded={form.data}
      onReload={() => void form.refetch().then(() => setGeneration((g) => g + 1))}
    />
  );
}

function Designer({ workspaceId, appId, loaded, onReload }: { workspaceId: string; appId: string; loaded: VersionedForm; onReload: () => void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const navigate = useNavigate();
  const formId = loaded.form.id;
  const forms = useFormList(workspaceId, appId);
  const save = useSaveForm(workspaceId, appId, formId);
  const publish = usePublishForm(workspaceId, appId, formId);
  // the server leaves out a null publishedVersion
  const published = loaded.form.publishedVersion !== null && loaded.form.publishedVersion !== undefined;
  const [state, setState] = useState<DesignerState>(() => fromDraft(loaded.form, published ? loaded.form.fields.map((f) => f.key) : []));
  // option values as the designer opened a published form: records hold them
  const publishedChoices = useMemo(() => new Map(published
    ? loaded.form.fields.map((f) => [f.key, new Set((f.options?.choices ?? []).map((c) => c.value))] as const)
    : []), [loaded.form, published]);
  const [etag, setEtag] = useState(loaded.etag);
  const [dirty, setDirty] = useState(() => reshapedOnOpen(loaded.form, state));
  const [selected, setSelected] = useState<string | null>(state.items[0]?.uid ?? null);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [stale, setStale] = useState(false);
  const [mode, setMode] = useState<'design' | 'preview'>('design');
  const [publishing, setPublishing] = useState(false);
  const [publishError, setPublishError] = useState<unknown>(null);
  // what the palette is dragging: a field type, or a section heading
  const [dragType, setDragType] = useState<FieldType | 'section' | null>(null);
  const [permissionsOpen, setPermissionsOpen] = useState(false);

  const change = useCallback((next: (s: DesignerState) => DesignerState) => {
    setState(next);
    setDirty(true);
  }, []);
  const placed = useMemo(() => problemsByField(state, problems), [state, problems]);
  const optionLabel = useCallback((n: number) => t('forms.option', { n }), [t]);

  useLeaveGuard(dirty);

  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 5 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );

  const add = (type: FieldType, index?: number) => {
    const r = insertField(state, type, t(`forms.type.${type}`), optionLabel, index);
    change(() => r.state);
    setSelected(r.uid);
  };

  const addSection = (index?: number) => {
    const r = insertSection(state, t('forms.designer.newSection'), index);
    change(() => r.state);
    setSelected(r.uid);
  };

  const onDragStart = (e: DragStartEvent) => {
    const data = e.active.data.current as { from?: string; type?: FieldType | 'section' } | undefined;
    setDragType(data?.from === 'palette' && data.type ? data.type : null);
  };

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    setDragType(null);
    if (!over) return;
    const data = active.data.current as { from?: string; type?: FieldType | 'section' } | undefined;
    const overIndex = state.items.findIndex((f) => f.uid === over.id);
    if (data?.from === 'palette' && data.type) {
      // dropped on an item: before it when over its upper half, after it when over the lower half
      const dropped = active.rect.current.translated;
      const below = !!dropped && dropped.top + dropped.height / 2 > over.rect.top + over.rect.height / 2;
      const at = overIndex >= 0 ? overIndex + (below ? 1 : 0) : undefined;
      if (data.type === 'section') addSection(at);
      else add(data.type, at);
      return;
    }
    const from = state.items.findIndex((f) => f.uid === active.id);
    const to = overIndex >= 0 ? overIndex : state.items.length - 1;
    if (from >= 0) change((s) => moveItem(s, from, to));
  };

  /** Saves the draft if it changed; returns false when the server refused it (problems shown). */
  const saveDraft = async (): Promise<boolean> => {
    if (!dirty) return true;
    try {
      const res = await save.mutateAsync({ draft: toDraft(state), etag });
      setEtag(res.etag);
      setDirty(false);
      setProblems([]);
      return true;
    } catch (e) {
      if (e instanceof ApiError && e.status === 412) setStale(true);
      else if (e instanceof ApiError && e.fieldErrors.length > 0) {
        setProblems(e.fieldErrors);
        const first = problemsByField(state, e.fieldErrors);
        const firstItem = state.items.find((f) => first.has(f.uid));
        if (firstItem) setSelected(firstItem.uid);
      }
      message.error(errorMessage(e, t));
      return false;
    }
  };

  const openPublish = async () => {
    if (await saveDraft()) {
      setPublishError(null);
      setPublishing(true);
    }
  };

  const confirmPublish = async () => {
    try {
      const res = await publish.mutateAsync();
      setPublishing(false);
      message.success(t('forms.designer.published', { version: res.form.publishedVersion }));
      navigate(recordsPath(workspaceId, appId, formId));
    } catch (e) {
      setPublishError(e);
      if (e instanceof ApiError) setProblems(e.fieldErrors);
    }
  };

  const selectedItem = state.items.find((f) => f.uid === selected) ?? null;
  const fields = fieldsOf(state);
  const formProblems = placed.get('') ?? [];

  return (
    <div data-testid="form-designer">
      <Space style={{ marginBottom: 12, width: '100%', justifyContent: 'space-between' }} wrap>
        <Space wrap>
          <Link to={formsPath(workspaceId, appId)} aria-label={t('forms.designer.back')}><ArrowLeftOutlined /></Link>
          <Input
            value={state.name}
            onChange={(e) => change((s) => ({ ...s, name: e.target.value }))}
            maxLength={100}
            style={{ width: 240, fontWeight: 600 }}
            {...tid('designer-name')}
          />
          <Typography.Text type="secondary" code>{state.key}</Typography.Text>
          <FormStatusTag {...loaded.form} draftVersion={loaded.form.draftVersion} />
          {dirty && <Badge status="warning" text={t('forms.designer.unsaved')} />}
        </Space>
        <Space>
          <Segmented
            value={mode}
            onChange={(v) => setMode(v as 'design' | 'preview')}
            options={[{ value: 'design', label: t('forms.designer.design') }, { value: 'preview', label: t('forms.designer.preview') }]}
            {...tid('designer-mode')}
          />
          {published && (
            <Button icon={<SafetyOutlined />} onClick={() => setPermissionsOpen(true)} {...tid('designer-permissions')}>
              {t('forms.permissions.open')}
            </Button>
          )}
          <Button icon={<SaveOutlined />} onClick={() => void saveDraft().then((ok) => ok && message.success(t('forms.designer.saved')))}
            loading={save.isPending} disabled={!dirty} {...tid('designer-save')}>
            {t('forms.designer.save')}
          </Button>
          <Button type="primary" icon={<CloudUploadOutlined />} onClick={() => void openPublish()} disabled={fields.length === 0} {...tid('designer-publish')}>
            {t('forms.designer.publish')}
          </Button>
        </Space>
      </Space>
      {stale && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={t('forms.designer.stale')}
          action={<Button size="small" onClick={onReload}>{t('forms.designer.reload')}</Button>} />
      )}
      {formProblems.length > 0 && (
        <Alert type="error" showIcon style={{ marginBottom: 12 }} message={t('forms.designer.formProblems', { count: formProblems.length })}
          description={formProblems.map((p, i) => <div key={i}>{p.message}</div>)} data-testid="designer-form-problems" />
      )}
      {mode === 'preview' ? (
        <Card><FormPreview workspaceId={workspaceId} appId={appId} draft={toDraft(state)} /></Card>
      ) : (
        <DndContext sensors={sensors} collisionDetection={closestCenter} onDragStart={onDragStart} onDragEnd={onDragEnd} onDragCancel={() => setDragType(null)}>
          <Row gutter={16}>
            <Col flex="240px">
              <Card size="small" title={t('forms.designer.palette')}><Palette onAdd={(type) => add(type)} onAddSection={() => addSection()} /></Card>
            </Col>
            <Col flex="auto">
              <Canvas
                items={state.items}
                selected={selected}
                problems={placed}
                onSelect={setSelected}
                onRemove={(uid) => {
                  change((s) => removeItem(s, uid));
                  if (selected === uid) setSelected(null);
                }}
              />
            </Col>
            <Col flex="360px">
              <Card size="small" title={selectedItem ? t('forms.designer.properties') : t('forms.settings.title')}
                extra={selectedItem && (
                  <Button type="link" size="small" onClick={() => setSelected(null)} {...tid('designer-form-settings')}>
                    {t('forms.settings.title')}
                  </Button>
                )}>
                {!selectedItem ? (
                  <FormSettingsPanel fields={fields.map((f) => f.field)} settings={state.settings} problems={formProblems}
                    onTitleField={(key) => change((s) => setTitleField(s, key))} />
                ) : selectedItem.kind === 'section' ? (
                  <SectionPanel item={selectedItem} problems={placed.get(selectedItem.uid) ?? []}
                    onRename={(title) => change((s) => renameSection(s, selectedItem.uid, title))} />
                ) : (
                  <PropertyPanel
                    workspaceId={workspaceId}
                    appId={appId}
                    formKey={state.key}
                    item={selectedItem}
                    all={fields}
                    published={!!selectedItem && state.publishedKeys.has(selectedItem.field.key)}
                    publishedChoices={selectedItem ? publishedChoices.get(selectedItem.field.key) : undefined}
                    forms={forms.data ?? []}
                    problems={selectedItem ? placed.get(selectedItem.uid) ?? [] : []}
                    onChange={(c: Partial<FieldDefinition>) => selectedItem && change((s) => updateField(s, selectedItem.uid, c))}
                    onSpan={(span) => selectedItem && change((s) => setSpan(s, selectedItem.uid, span))}
                  />
                )}
              </Card>
            </Col>
          </Row>
          <DragOverlay dropAnimation={null}>{dragType && <PaletteCard type={dragType} />}</DragOverlay>
        </DndContext>
      )}
      {permissionsOpen && (
        <FormPermissionsDrawer workspaceId={workspaceId} appId={appId} formId={formId} fields={loaded.form.fields}
          onClose={() => setPermissionsOpen(false)} />
      )}
      {publishing && (
        <PublishModal workspaceId={workspaceId} appId={appId} formId={formId} publishing={publish.isPending} error={publishError}
          onConfirm={() => void confirmPublish()} onClose={() => setPublishing(false)} />
      )}
    </div>
  );
}
