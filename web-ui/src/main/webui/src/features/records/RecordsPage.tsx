import { useMemo, useState, type ReactNode } from 'react';
import { Alert, App as AntApp, Button, Empty, Result, Skeleton, Tooltip } from 'antd';
import { DeleteOutlined, ImportOutlined, PlusOutlined, ReloadOutlined, SaveOutlined, UndoOutlined } from '@ant-design/icons';
import { useIsFetching, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../components/errors';
import { QueryError } from '../../components/feedback';
import { PageHeader } from '../../components/PageHeader';
import { DEFAULT_SORT, PAGE_SIZE, recordKeys, type RecordListQuery } from './api';
import { defaultColumns, loadColumns, saveColumns, visibleFields } from './columnPrefs';
import { ColumnChooser } from './ColumnChooser';
import { currentCursor, FIRST_PAGE, hasPrevious, nextPage, pageNumber, previousPage } from './cursorStack';
import { propertyFields } from './fieldTypes';
import { conditionsOf, countConditions, type FilterNode } from './filter';
import { FilterBuilder } from './FilterBuilder';
import type { ValueLabels } from './format';
import { NewRecordDrawer, RecordDrawer } from './RecordDrawer';
import { Pager, RecordGrid } from './RecordGrid';
import { RecordsScopeContext } from './scope';
import { ExportButton } from './transfer/ExportButton';
import { ImportWizard } from './transfer/ImportWizard';
import { useDepartments } from '../admin/departments/useDepartments';
import { useCachedFirstPage, useExactTotal, useFormDefinition, useRecordList, useRelatedFilterFields, useRelationLabels, useRestoreRecord, useWorkspaceMembers } from './useRecords';
import type { FieldDefinition, FormDetail, FormRecord } from './types';
import { CalendarView } from './views/CalendarView';
import { gridConfigOf, gridStateOf, sameConfig, type GridState } from './views/gridState';
import { KanbanBoard } from './views/KanbanBoard';
import { SaveViewModal } from './views/SaveViewModal';
import type { GridViewConfig, SavedView } from './views/types';
import { useChosenView, useUpdateView, useViews } from './views/useViews';
import { positionAfter, problemText } from './views/viewForm';
import { ViewSwitcher } from './views/ViewSwitcher';

export interface RecordsPageProps {
  workspaceId: string;
  appId: string;
  formId: string;
  canCreate: boolean;
  canEdit: boolean;
  canDelete: boolean;
  /** may make views shared with everyone and change the shared ones (app.manage); the server checks it again */
  canShareViews?: boolean;
  /** the saved view shown (null: all records); a caller that passes `onViewChange` keeps it, in the URL */
  viewId?: string | null;
  onViewChange?: (id: string | null) => void;
}

/** The data of a form: filter, sort and page through its records, open one, enter new ones; saved views of them. */
export function RecordsPage(props: RecordsPageProps) {
  const { t } = useTranslation();
  const { workspaceId, appId, formId } = props;
  const form = useFormDefinition(workspaceId, appId, formId);
  const scope = useMemo(() => ({ workspaceId, appId }), [workspaceId, appId]);

  let content;
  if (form.isPending) content = <Skeleton active paragraph={{ rows: 8 }} />;
  else if (form.isError) content = <QueryError error={form.error} onRetry={() => void form.refetch()} />;
  else if (form.data.publishedVersion === null || form.data.publishedVersion === undefined)
    content = <Result status="info" title={form.data.name} subTitle={t('records.notPublished')} data-testid="records-not-published" />;
  // a new form (another id) starts with its own filter, columns and page
  else content = <RecordsOfForm key={formId} {...props} form={form.data} />;
  return <RecordsScopeContext.Provider value={scope}>{content}</RecordsScopeContext.Provider>;
}

type Opened = { kind: 'new' } | { kind: 'record'; id: string; initial?: FormRecord };

/** What every kind of view gets from the page. */
interface PageParts {
  workspaceId: string;
  appId: string;
  formId: string;
  form: FormDetail;
  canCreate: boolean;
  canEdit: boolean;
  canDelete: boolean;
  /** may share views with everyone (app.manage) */
  canShareViews: boolean;
  /** after the last view: where a new one goes */
  nextPosition: number;
  /** names of members and departments (relations are named where their records are shown) */
  memberLabels: ValueLabels;
  open: (record: FormRecord) => void;
  create: () => void;
  choose: (id: string | null) => void;
  /** the tabs of the views; `grid` is what a new view starts from, `extra` the grid's save buttons */
  switcher: (grid: GridViewConfig, extra?: ReactNode) => ReactNode;
}

function RecordsOfForm({ workspaceId, appId, formId, canCreate, canEdit, canDelete, canShareViews = false, viewId: urlView, onViewChange, form }: RecordsPageProps & { form: FormDetail }) {
  const fields = form.fields;
  const views = useViews(workspaceId, appId, formId);
  const [viewId, choose] = useChosenView(urlView, onViewChange);
  const view = viewId ? views.data?.find((v) => v.id === viewId) : undefined;
  const [opened, setOpened] = useState<Opened | null>(null);

  const members = useWorkspaceMembers(workspaceId, fields.some((f) => f.type === 'member'));
  // the department list only where a field holds departments
  const departments = useDepartments(workspaceId, fields.some((f) => f.type === 'department'));
  const memberLabels: ValueLabels = useMemo(() => {
    const names = new Map((members.data ?? []).map((m) => [m.userId, m.displayName || m.username]));
    const departmentNames = new Map((departments.data ?? []).map((d) => [d.id, d.name]));
    return { memberName: (id) => names.get(id), departmentName: (id) => departmentNames.get(id) };
  }, [members.data, departments.data]);

  const parts: PageParts = {
    workspaceId,
    appId,
    formId,
    form,
    canCreate,
    canEdit,
    canDelete,
    canShareViews,
    nextPosition: positionAfter(views.data ?? []),
    memberLabels,
    open: (r) => setOpened({ kind: 'record', id: r.id, initial: r }),
    create: () => setOpened({ kind: 'new' }),
    choose,
    switcher: (grid, extra) => (
      <ViewSwitcher
        workspaceId={workspaceId}
        appId={appId}
        formId={formId}
        views={views.data ?? []}
        error={views.isError ? views.error : undefined}
        value={viewId}
        onChange={choose}
        fields={fields}
        canShare={canShareViews}
        grid={grid}
        extra={extra}
      />
    ),
  };

  let content;
  // a link to a view shows that view, not all records for a moment first
  if (viewId && views.isPending) content = <Skeleton active paragraph={{ rows: 8 }} />;
  else if (view && (view.kind === 'kanban' || view.kind === 'calendar')) content = <BoardOrCalendar key={view.id} {...parts} view={view} />;
  else content = <GridOfRecords key={view?.id ?? 'all'} {...parts} view={view} missing={!!viewId && views.isSuccess && !view} />;

  return (
    <>
      {content}
      {opened?.kind === 'new' && <NewRecordDrawer formId={formId} fields={fields} layout={form.layout} labels={memberLabels} onClose={() => setOpened(null)} />}
      {opened?.kind === 'record' && (
        <RecordDrawer
          key={opened.id}
          formId={formId}
          formKey={form.key}
          recordId={opened.id}
          initial={opened.initial}
          fields={fields}
          layout={form.layout}
          titleField={form.settings?.titleField}
          labels={memberLabels}
          canEdit={canEdit}
          canDelete={canDelete}
          onClose={() => setOpened(null)}
        />
      )}
    </>
  );
}

function NewRecordButton({ onClick }: { onClick: () => void }) {
  const { t } = useTranslation();
  return (
    <Button type="primary" icon={<PlusOutlined />} onClick={onClick} data-testid="records-new">
      {t('records.new')}
    </Button>
  );
}

/**
 * The grid: all records (columns remembered in this browser), or a saved grid view whose columns,
 * widths, filter and sort it starts from. Changes to a view are the user's until saved (保存) or
 * saved as a new view (另存为); "全部记录" saves as a new view (保存为视图).
 */
function GridOfRecords({ workspaceId, appId, formId, form, canCreate, canDelete, canShareViews, nextPosition, memberLabels, open, create, choose, switcher, view, missing }: PageParts & { view?: SavedView; missing: boolean }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const fields = form.fields;
  // the view as saved (again after 保存): what "changed" compares with and 还原 goes back to
  const saved = useMemo(() => (view ? gridStateOf(view.config, fields, () => defaultColumns(fields)) : null), [view, fields]);
  const [start] = useState<GridState>(() => saved ?? { filter: null, sort: DEFAULT_SORT, columns: loadColumns(formId, fields), widths: {} });
  const [filter, setFilter] = useState<FilterNode | null>(start.filter);
  const [filterCount, setFilterCount] = useState(() => countConditions(start.filter));
  // what the builder shows as it mounts; it mounts again (filterKey) when the filter is replaced from outside
  const [builderStart, setBuilderStart] = useState(() => conditionsOf(start.filter));
  const [filterKey, setFilterKey] = useState(0);
  const [sort, setSort] = useState(start.sort);
  const [columnKeys, setColumnKeys] = useState(start.columns);
  const [widths, setWidths] = useState(start.widths);
  const [trash, setTrash] = useState(false);
  const [stack, setStack] = useState(FIRST_PAGE);
  const [importing, setImporting] = useState(false);
  const [savingAs, setSavingAs] = useState(false);
  const restore = useRestoreRecord(workspaceId, appId, formId);
  const updateView = useUpdateView(workspaceId, appId, formId);

  const query: RecordListQuery = { filter, sort, cursor: currentCursor(stack), limit: PAGE_SIZE, deleted: trash };
  const list = useRecordList(workspaceId, appId, formId, query);
  const firstPage = useCachedFirstPage(workspaceId, appId, formId, query);
  const pageTotal = list.data?.total ?? firstPage.data?.total;
  // a first page that holds every match knows its total; a bigger list is counted once the page shows
  const exactTotal = useExactTotal(workspaceId, appId, formId, query, !!(list.data ?? firstPage.data) && !pageTotal?.exact);
  const records = list.data?.items ?? [];
  const shown = visibleFields(fields, columnKeys);
  const config = gridConfigOf({ filter, sort, columns: columnKeys, widths });
  const changed = !!saved && !sameConfig(config, gridConfigOf(saved));

  const relationLabels = useRelationLabels(workspaceId, appId, shown, records);
  const labels: ValueLabels = useMemo(
    () => ({ ...memberLabels, relationLabel: (key, id) => relationLabels.get(key)?.get(id) }),
    [memberLabels, relationLabels],
  );

  // the form's fields, those of the records its relations point to ("客户 · 等级"), then record properties
  const related = useRelatedFilterFields(workspaceId, appId, fields);
  const filterFields: FieldDefinition[] = [...fields, ...related, ...propertyFields((key) => t(`records.${key}`))];

  const restart = () => setStack(FIRST_PAGE);
  const applyFilter = (next: FilterNode | null, count: number) => {
    setFilter(next);
    setFilterCount(count);
    restart();
  };
  const clearFilter = () => {
    applyFilter(null, 0);
    setBuilderStart(null);
    setFilterKey((k) => k + 1); // the builder starts over too
  };
  const chooseColumns = (keys: string[]) => {
    setColumnKeys(keys);
    // a view's columns are the view's (saved with it), not this browser's choice for all records
    if (!view) saveColumns(formId, keys);
  };
  const resetToView = () => {
    if (!saved) return;
    applyFilter(saved.filter, countConditions(saved.filter));
    setBuilderStart(conditionsOf(saved.filter));
    setFilterKey((k) => k + 1);
    setSort(saved.sort);
    setColumnKeys(saved.columns);
    setWidths(saved.widths);
  };
  const saveView = async () => {
    if (!view) return;
    try {
      await updateView.mutateAsync({ id: view.id, changes: { config }, version: view.version });
      message.success(t('records.views.saved', { name: view.name }));
    } catch (e) {
      message.error(problemText(e, t));
    }
  };
  const doRestore = async (r: FormRecord) => {
    try {
      await restore.mutateAsync(r.id);
      message.success(t('records.trash.restored'));
    } catch (e) {
      message.error(errorMessage(e, t));
    }
  };

  const saveButtons = view ? (
    changed && (
      <>
        {view.editable && (
          <Button type="primary" icon={<SaveOutlined />} onClick={() => void saveView()} loading={updateView.isPending} data-testid="view-save">
            {t('records.views.save')}
          </Button>
        )}
        {/* a shared view the caller may not change: their changes go into a view of their own */}
        <Tooltip title={view.editable ? undefined : t('records.views.readOnly')}>
          <Button onClick={() => setSavingAs(true)} data-testid="view-save-as">
            {t('records.views.saveAs')}
          </Button>
        </Tooltip>
        <Tooltip title={t('records.views.resetHint')}>
          <Button icon={<UndoOutlined />} onClick={resetToView} aria-label={t('records.views.reset')} data-testid="view-reset" />
        </Tooltip>
      </>
    )
  ) : (
    <Button icon={<SaveOutlined />} onClick={() => setSavingAs(true)} data-testid="view-save-as">
      {t('records.views.saveAsView')}
    </Button>
  );

  const empty = trash ? (
    <Empty description={t('records.trash.empty')} data-testid="records-empty" />
  ) : filter ? (
    <Empty description={t('records.empty.filtered')} data-testid="records-empty">
      <Button onClick={clearFilter}>{t('records.empty.clearFilter')}</Button>
    </Empty>
  ) : (
    <Empty
      data-testid="records-empty"
      description={
        <>
          <div style={{ fontSize: 16, fontWeight: 500, marginBottom: 4 }}>{t('records.empty.title')}</div>
          <div>{canCreate ? t('records.empty.hint') : t('records.empty.hintReadOnly')}</div>
        </>
      }
    >
      {canCreate && (
        <Button type="primary" icon={<PlusOutlined />} onClick={create} data-testid="records-new-empty">
          {t('records.new')}
        </Button>
      )}
    </Empty>
  );

  return (
    <>
      <PageHeader
        title={form.name}
        extra={
          <>
            <Tooltip title={t('records.refresh')}>
              <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()} loading={list.isFetching} aria-label={t('records.refresh')} data-testid="records-refresh" />
            </Tooltip>
            <ColumnChooser fields={fields} value={columnKeys} onChange={chooseColumns} />
            {canDelete && (
              <Button
                icon={<DeleteOutlined />}
                type={trash ? 'primary' : 'default'}
                aria-pressed={trash}
                onClick={() => {
                  setTrash((x) => !x);
                  restart();
                }}
                data-testid="records-trash"
              >
                {t('records.trash.button')}
              </Button>
            )}
            {/* the view as shown: the trash is no view an export can write */}
            {!trash && <ExportButton workspaceId={workspaceId} appId={appId} formId={formId} filter={filter} sort={sort} fields={shown.map((f) => f.key)} />}
            {canCreate && !trash && (
              <Button icon={<ImportOutlined />} onClick={() => setImporting(true)} data-testid="records-import">
                {t('records.import.button')}
              </Button>
            )}
            {canCreate && !trash && <NewRecordButton onClick={create} />}
          </>
        }
      />
      {switcher(config, saveButtons)}
      {missing && (
        <Alert
          type="warning"
          showIcon
          title={t('records.views.missing')}
          action={
            <Button size="small" onClick={() => choose(null)}>
              {t('records.views.showAll')}
            </Button>
          }
          style={{ marginBottom: 16 }}
          data-testid="view-missing"
        />
      )}
      {trash && (
        <Alert
          type="info"
          showIcon
          title={t('records.trash.banner')}
          action={
            <Button
              size="small"
              onClick={() => {
                setTrash(false);
                restart();
              }}
            >
              {t('records.trash.back')}
            </Button>
          }
          style={{ marginBottom: 16 }}
          data-testid="records-trash-banner"
        />
      )}
      <FilterBuilder key={filterKey} fields={filterFields} activeCount={filter ? filterCount : 0} onApply={applyFilter} initial={builderStart} />
      {list.isError && <QueryError error={list.error} onRetry={() => void list.refetch()} />}
      <RecordGrid
        fields={shown}
        records={records}
        loading={list.isFetching}
        sort={sort}
        onSort={(next) => {
          setSort(next);
          restart();
        }}
        onOpen={open}
        labels={labels}
        trash={trash}
        onRestore={(r) => void doRestore(r)}
        restoringId={restore.isPending ? restore.variables : undefined}
        empty={list.isPending ? <Skeleton active /> : empty}
        widths={widths}
        onResize={(key, width) => setWidths((w) => ({ ...w, [key]: width }))}
      />
      <Pager
        total={pageTotal?.exact ? pageTotal : exactTotal.data ?? pageTotal}
        page={pageNumber(stack)}
        hasPrevious={hasPrevious(stack)}
        hasNext={!!list.data?.nextCursor && !list.isPlaceholderData}
        onPrevious={() => setStack(previousPage)}
        onNext={() => setStack((s) => nextPage(s, list.data?.nextCursor))}
      />
      {importing && <ImportWizard workspaceId={workspaceId} appId={appId} formId={formId} fields={fields} onClose={() => setImporting(false)} />}
      <SaveViewModal
        workspaceId={workspaceId}
        appId={appId}
        formId={formId}
        open={savingAs}
        kind="grid"
        fields={fields}
        grid={config}
        canShare={canShareViews}
        position={nextPosition}
        initialName={view ? t('records.views.copyName', { name: view.name }) : ''}
        onClose={() => setSavingAs(false)}
        onCreated={(created) => choose(created.id)}
      />
    </>
  );
}

/** A board or a calendar of the records, with the view's tabs above it. */
function BoardOrCalendar({ workspaceId, appId, formId, form, canCreate, canEdit, memberLabels, open, create, switcher, view }: PageParts & { view: SavedView }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const lists = recordKeys.lists(workspaceId, appId, formId);
  const fetching = useIsFetching({ queryKey: lists }) > 0;
  // a new grid view from here starts as all records do
  const grid = useMemo(() => gridConfigOf({ filter: null, sort: DEFAULT_SORT, columns: loadColumns(formId, form.fields), widths: {} }), [formId, form.fields]);

  return (
    <>
      <PageHeader
        title={form.name}
        extra={
          <>
            <Tooltip title={t('records.refresh')}>
              <Button
                icon={<ReloadOutlined />}
                onClick={() => void queryClient.invalidateQueries({ queryKey: lists })}
                loading={fetching}
                aria-label={t('records.refresh')}
                data-testid="records-refresh"
              />
            </Tooltip>
            {canCreate && <NewRecordButton onClick={create} />}
          </>
        }
      />
      {switcher(grid)}
      {view.kind === 'kanban' ? (
        <KanbanBoard workspaceId={workspaceId} appId={appId} formId={formId} config={view.config} fields={form.fields} titleField={form.settings?.titleField} labels={memberLabels} canEdit={canEdit} onOpen={open} />
      ) : view.kind === 'calendar' ? (
        <CalendarView workspaceId={workspaceId} appId={appId} formId={formId} config={view.config} fields={form.fields} titleField={form.settings?.titleField} labels={memberLabels} onOpen={open} />
      ) : null}
    </>
  );
}
