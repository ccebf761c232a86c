import { useContext, useMemo, useState } from 'react';
import { Alert, App as AntApp, Button, Descriptions, Drawer, Popconfirm, Result, Skeleton, Space, Tabs, Typography, type ButtonProps } from 'antd';
import { DeleteOutlined, EditOutlined, UndoOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/problem';
import { errorMessage } from '../../components/errors';
import { QueryError } from '../../components/feedback';
import { tid } from '../../components/testid';
import { formatDateTime } from '../../lib/time';
import { placeFields, sectionsOf } from '../forms/layout';
import { CellValue } from './cellRender';
import type { ValueLabels } from './format';
import { RecordForm } from './RecordForm';
import { labelFieldOf } from './relations';
import { RecordHistory } from './RecordHistory';
import { FileScopeContext, RecordActionsContext, useRecordsScope } from './scope';
import { useCreateRecord, useDeleteRecord, useRecord, useRelationLabels, useRestoreRecord, useUpdateRecord } from './useRecords';
import type { FieldDefinition, FormRecord } from './types';
import { useMe } from '../auth/session';

const DRAWER_WIDTH = 720;

interface RecordDrawerProps {
  formId: string;
  /** the form's key: what other features' record actions go by */
  formKey?: string;
  recordId: string;
  /** the grid's row, shown while the record is read fresh */
  initial?: FormRecord;
  fields: readonly FieldDefinition[];
  /** the form's layout, for the edit form */
  layout?: unknown;
  /** the form's title field (its settings): names the record in the drawer's title */
  titleField?: string;
  labels: ValueLabels;
  canEdit: boolean;
  canDelete: boolean;
  onClose: () => void;
}

/** One record: its fields, its history, and (as allowed) edit, delete or restore. */
export function RecordDrawer({ formId, formKey, recordId, initial, fields, layout, titleField, labels, canEdit, canDelete, onClose }: RecordDrawerProps) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const { workspaceId, appId } = useRecordsScope();
  const moreActions = useContext(RecordActionsContext);
  const record = useRecord(workspaceId, appId, formId, recordId, initial);
  const update = useUpdateRecord(workspaceId, appId, formId);
  const remove = useDeleteRecord(workspaceId, appId, formId);
  const restore = useRestoreRecord(workspaceId, appId, formId);
  const [editing, setEditing] = useState(false);
  const [tab, setTab] = useState('details');
  const current = record.data;
  const deleted = !!current?.deletedAt;
  const nameField = labelFieldOf(fields, titleField);
  const name = current && nameField ? current.data[nameField.key] : undefined;
  // relations of this record may be off the grid's page: name them here
  const oneRecord = useMemo(() => (current ? [current] : []), [current]);
  const relationLabels = useRelationLabels(workspaceId, appId, fields, oneRecord);
  const allLabels: ValueLabels = {
    ...labels,
    relationLabel: (key, id) => relationLabels.get(key)?.get(id) ?? labels.relationLabel?.(key, id),
  };

  const doDelete = async () => {
    try {
      await remove.mutateAsync({ id: recordId, version: current?.version });
      message.success(t('records.drawer.deleted'));
      onClose();
    } catch (e) {
      message.error(errorMessage(e, t));
    }
  };
  const doRestore = async () => {
    try {
      await restore.mutateAsync(recordId);
      message.success(t('records.trash.restored'));
      onClose();
    } catch (e) {
      message.error(errorMessage(e, t));
    }
  };

  const actions =
    current && !editing ? (
      deleted ? (
        canDelete && (
          <Button icon={<UndoOutlined />} onClick={() => void doRestore()} loading={restore.isPending} data-testid="record-restore">
            {t('records.trash.restore')}
          </Button>
        )
      ) : (
        <Space>
          {formKey && moreActions?.({ formKey, recordId })}
          {canEdit && (
            <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="record-edit">
              {t('records.drawer.edit')}
            </Button>
          )}
          {canDelete && (
            <Popconfirm
              title={t('records.drawer.deleteConfirm')}
              description={t('records.drawer.deleteHint')}
              okText={t('common.delete')}
              cancelText={t('common.cancel')}
              okButtonProps={{ danger: true, ...tid<ButtonProps>('record-delete-ok') }}
              onConfirm={doDelete}
            >
              <Button danger icon={<DeleteOutlined />} loading={remove.isPending} data-testid="record-delete">
                {t('records.drawer.delete')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      )
    ) : undefined;

  let body;
  if (!current) {
    if (record.isError) {
      body =
        record.error instanceof ApiError && record.error.status === 404 ? (
          <Result status="404" subTitle={t('records.drawer.notFound')} />
        ) : (
          <QueryError error={record.error} onRetry={() => void record.refetch()} />
        );
    } else {
      body = <Skeleton active paragraph={{ rows: 8 }} />;
    }
  } else if (editing) {
    body = (
      <RecordForm
        fields={fields}
        layout={layout}
        record={current}
        labels={allLabels}
        save={(changes, base) => update.mutateAsync({ id: recordId, changes, version: (base ?? current).version })}
        onSaved={() => setEditing(false)}
        onCancel={() => setEditing(false)}
        reload={async () => (await record.refetch()).data}
      />
    );
  } else {
    body = (
      <>
        {deleted && <Alert type="warning" showIcon title={t('records.drawer.deletedBanner', { time: formatDateTime(current.deletedAt) })} style={{ marginBottom: 16 }} />}
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            {
              key: 'details',
              label: <span data-testid="record-details">{t('records.drawer.details')}</span>,
              children: <RecordView record={current} fields={fields} layout={layout} labels={allLabels} />,
            },
            {
              key: 'history',
              label: <span data-testid="record-history">{t('records.drawer.history')}</span>,
              children: <RecordHistory formId={formId} recordId={recordId} fields={fields} labels={allLabels} />,
            },
          ]}
        />
      </>
    );
  }

  return (
    <Drawer
      open
      size={DRAWER_WIDTH}
      title={editing ? t('records.form.editTitle')
        : typeof name === 'string' && name.trim() ? `${t('records.drawer.title')} · ${name}` : t('records.drawer.title')}
      extra={actions}
      onClose={onClose}
      destroyOnHidden
      data-testid="record-drawer"
      data-record-id={recordId}
    >
      {/* the files of attachment and image fields are read through the form */}
      <FileScopeContext.Provider value={{ formId }}>{body}</FileScopeContext.Provider>
    </Drawer>
  );
}

/** A record's values, in the order and under the section headings of the form's layout. */
export function RecordView({ record, fields, layout, labels }: {
  record: FormRecord;
  fields: readonly FieldDefinition[];
  layout?: unknown;
  labels: ValueLabels;
}) {
  const { t } = useTranslation();
  const sections = useMemo(() => sectionsOf(placeFields(fields, layout)), [fields, layout]);
  return (
    <>
      <div data-testid="record-view">
        {sections.map((section, i) => (
          <Descriptions
            key={i}
            title={section.title}
            bordered
            size="small"
            column={1}
            style={{ marginBottom: i < sections.length - 1 ? 16 : 0 }}
            items={section.fields.map((f) => ({
              key: f.key,
              label: f.label,
              children: (
                <span data-testid={`record-value-${f.key}`}>
                  <CellValue field={f} value={record.data[f.key]} labels={labels} full recordId={record.id} />
                </span>
              ),
            }))}
          />
        ))}
      </div>
      <Typography.Text type="secondary" style={{ display: 'block', marginTop: 12, fontSize: 12 }}>
        {t('records.drawer.meta', { created: formatDateTime(record.createdAt), updated: formatDateTime(record.updatedAt), version: record.version })}
      </Typography.Text>
    </>
  );
}

/** Entering a new record. */
export function NewRecordDrawer({ formId, fields, layout, labels, onClose }: {
  formId: string;
  fields: readonly FieldDefinition[];
  layout?: unknown;
  labels: ValueLabels;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { workspaceId, appId } = useRecordsScope();
  const create = useCreateRecord(workspaceId, appId, formId);
  const me = useMe();
  // one key per opening: a double click or a retry after a lost answer creates one record
  const [idempotencyKey] = useState(newIdempotencyKey);
  return (
    <Drawer open size={DRAWER_WIDTH} title={t('records.form.createTitle')} onClose={onClose} destroyOnHidden data-testid="record-create-drawer">
      <FileScopeContext.Provider value={{ formId }}>
        <RecordForm fields={fields} layout={layout} labels={labels} save={(data) => create.mutateAsync({ data, idempotencyKey })} onSaved={onClose} onCancel={onClose}
          currentUserId={me.data?.id} />
      </FileScopeContext.Provider>
    </Drawer>
  );
}

function newIdempotencyKey(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}-${Math.random().toString(36).slice(2)}`;
}
