import { useMemo, useState } from 'react';
import { Alert, App as AntApp, Button, Empty, Result, Skeleton, Tooltip } from 'antd';
import { DeleteOutlined, ImportOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../components/errors';
import { QueryError } from '../../components/feedback';
import { PageHeader } from '../../components/PageHeader';
import { DEFAULT_SORT, PAGE_SIZE, type RecordListQuery } from './api';
import { loadColumns, saveColumns, visibleFields } from './columnPrefs';
import { ColumnChooser } from './ColumnChooser';
import { currentCursor, FIRST_PAGE, hasPrevious, nextPage, pageNumber, previousPage } from './cursorStack';
import { propertyFields } from './fieldTypes';
import type { FilterNode } from './filter';
import { FilterBuilder } from './FilterBuilder';
import type { ValueLabels } from './format';
import { NewRecordDrawer, RecordDrawer } from './RecordDrawer';
import { Pager, RecordGrid } from './RecordGrid';
import { RecordsScopeContext } from './scope';
import { ExportButton } from './transfer/ExportButton';
import { ImportWizard } from './transfer/ImportWizard';
import { useCachedFirstPage, useFormDefinition, useRecordList, useRelationLabels, useRestoreRecord, useWorkspaceMembers } from './useRecords';
import type { FieldDefinition, FormDetail, FormRecord } from './types';

export interface RecordsPageProps {
  workspaceId: string;
  appId: string;
  formId: string;
  canCreate: boolean;
  canEdit: boolean;
  canDelete: boolean;
}

/** The data of a form: filter, sort and page through its records, open one, enter new ones. */
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

function RecordsOfForm({ workspaceId, appId, formId, canCreate, canEdit, canDelete, form }: RecordsPageProps & { form: FormDetail }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const fields = form.fields;
  const [filter, setFilter] = useState<FilterNode | null>(null);
  const [filterCount, setFilterCount] = useState(0);
  const [filterKey, setFilterKey] = useState(0);
  const [sort, setSort] = useState(DEFAULT_SORT);
  const [trash, setTrash] = useState(false);
  const [stack, setStack] = useState(FIRST_PAGE);
  const [columnKeys, setColumnKeys] = useState(() => loadColumns(formId, fields));
  const [opened, setOpened] = useState<Opened | null>(null);
  const [importing, setImporting] = useState(false);
  const restore = useRestoreRecord(workspaceId, appId, formId);

  const query: RecordListQuery = { filter, sort, cursor: currentCursor(stack), limit: PAGE_SIZE, deleted: trash };
  const list = useRecordList(workspaceId, appId, formId, query);
  const firstPage = useCachedFirstPage(workspaceId, appId, formId, query);
  const records = list.data?.items ?? [];
  const shown = visibleFields(fields, columnKeys);

  const members = useWorkspaceMembers(workspaceId, fields.some((f) => f.type === 'member'));
  const relationLabels = useRelationLabels(workspaceId, appId, shown, records);
  const labels: ValueLabels = useMemo(() => {
    const names = new Map((members.data ?? []).map((m) => [m.userId, m.displayName || m.username]));
    return { memberName: (id) => names.get(id), relationLabel: (key, id) => relationLabels.get(key)?.get(id) };
  }, [members.data, relationLabels]);

  const filterFields: FieldDefinition[] = useMemo(() => [...fields, ...propertyFields((key) => t(`records.${key}`))], [fields, t]);

  const restart = () => setStack(FIRST_PAGE);
  const applyFilter = (next: FilterNode | null, count: number) => {
    setFilter(next);
    setFilterCount(count);
    restart();
  };
  const clearFilter = () => {
    applyFilter(null, 0);
    setFilterKey((k) => k + 1); // the builder starts over too
  };
  const chooseColumns = (keys: string[]) => {
    setColumnKeys(keys);
    saveColumns(formId, keys);
  };
  const doRestore = async (r: FormRecord) => {
    try {
      await restore.mutateAsync(r.id);
      message.success(t('records.trash.restored'));
    } catch (e) {
      message.error(errorMessage(e, t));
    }
  };

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
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpened({ kind: 'new' })} data-testid="records-new-empty">
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
            {canCreate && !trash && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpened({ kind: 'new' })} data-testid="records-new">
                {t('records.new')}
              </Button>
            )}
          </>
        }
      />
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
      <FilterBuilder key={filterKey} fields={filterFields} activeCount={filter ? filterCount : 0} onApply={applyFilter} />
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
        onOpen={(r) => setOpened({ kind: 'record', id: r.id, initial: r })}
        labels={labels}
        trash={trash}
        onRestore={(r) => void doRestore(r)}
        restoringId={restore.isPending ? restore.variables : undefined}
        empty={list.isPending ? <Skeleton active /> : empty}
      />
      <Pager
        total={list.data?.total ?? firstPage.data?.total}
        page={pageNumber(stack)}
        hasPrevious={hasPrevious(stack)}
        hasNext={!!list.data?.nextCursor && !list.isPlaceholderData}
        onPrevious={() => setStack(previousPage)}
        onNext={() => setStack((s) => nextPage(s, list.data?.nextCursor))}
      />
      {importing && <ImportWizard workspaceId={workspaceId} appId={appId} formId={formId} fields={fields} onClose={() => setImporting(false)} />}
      {opened?.kind === 'new' && <NewRecordDrawer formId={formId} fields={fields} labels={labels} onClose={() => setOpened(null)} />}
      {opened?.kind === 'record' && (
        <RecordDrawer
          key={opened.id}
          formId={formId}
          recordId={opened.id}
          initial={opened.initial}
          fields={fields}
          labels={labels}
          canEdit={canEdit}
          canDelete={canDelete}
          onClose={() => setOpened(null)}
        />
      )}
    </>
  );
}
