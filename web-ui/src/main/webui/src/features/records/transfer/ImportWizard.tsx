import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Checkbox, Flex, Modal, Progress, Radio, Result, Select, Steps, Table, Tag, Typography, Upload, type TableColumnsType } from 'antd';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../components/errors';
import { formatDateTime } from '../../../lib/time';
import { recordKeys } from '../api';
import type { FieldDefinition } from '../types';
import { MAX_UPLOAD_BYTES, MAX_UPLOAD_MB, transferApi } from './api';
import { assignField, importableFields, mappingProblems, matchColumns, unmappedRequired } from './mapping';
import { isActive, type ImportColumn, type ImportMappingEntry, type ImportState, type ImportView, type StartImport } from './types';
import { useImportJob, useRecentImports } from './useTransfer';

export interface ImportWizardProps {
  workspaceId: string;
  appId: string;
  formId: string;
  /** the published form's fields */
  fields: readonly FieldDefinition[];
  onClose: () => void;
}

const STATE_COLORS: Record<ImportState, string> = { uploaded: 'default', queued: 'processing', running: 'processing', done: 'success', failed: 'error' };

/**
 * A file into the form's records in three steps: upload it (the server reads its columns), map its
 * columns to fields (guessed from the header), then follow the import the server runs as a job.
 */
export function ImportWizard({ workspaceId, appId, formId, fields, onClose }: ImportWizardProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [uploaded, setUploaded] = useState<ImportView | null>(null);
  const [mapping, setMapping] = useState<ImportMappingEntry[]>([]);
  const [skipBadRows, setSkipBadRows] = useState(false);
  const [recordEvents, setRecordEvents] = useState(false);
  const [started, setStarted] = useState<ImportView | null>(null);
  const start = useMutation({
    mutationFn: (body: StartImport) => transferApi.start(workspaceId, appId, formId, uploaded!.id, body),
    onSuccess: setStarted,
  });
  const job = useImportJob(workspaceId, appId, formId, started);
  const view = job.data ?? started;
  const finished = !!view && (view.state === 'done' || view.state === 'failed');
  const step = started ? 2 : uploaded ? 1 : 0;

  // the grid behind the wizard shows the new records as soon as they are in
  const state = view?.state;
  useEffect(() => {
    if (state === 'done') void queryClient.invalidateQueries({ queryKey: recordKeys.lists(workspaceId, appId, formId) });
  }, [state, queryClient, workspaceId, appId, formId]);

  const close = () => {
    // rows may have landed (an import closed while running goes on): the grid reads them again
    if (started) void queryClient.invalidateQueries({ queryKey: recordKeys.lists(workspaceId, appId, formId) });
    onClose();
  };
  const uploadDone = (v: ImportView) => {
    setUploaded(v);
    setMapping(matchColumns(v.columns, fields));
    setSkipBadRows(false);
  };
  const changeMapping = (column: number, field: string | undefined) => {
    setMapping((m) => assignField(m, column, field));
    start.reset(); // the refusal was about the old mapping
  };

  const missing = unmappedRequired(fields, mapping);
  const footer = [
    step === 1 && (
      <Button
        key="back"
        onClick={() => {
          setUploaded(null);
          start.reset();
        }}
        disabled={start.isPending}
        data-testid="import-back"
      >
        {t('records.import.back')}
      </Button>
    ),
    <Button key="close" type={finished ? 'primary' : 'default'} onClick={close} data-testid="import-close">
      {t('records.import.close')}
    </Button>,
    step === 1 && (
      <Button
        key="start"
        type="primary"
        loading={start.isPending}
        disabled={mapping.length === 0 || missing.length > 0}
        onClick={() => start.mutate({ mapping, skipBadRows, recordEvents })}
        data-testid="import-start"
      >
        {t('records.import.start')}
      </Button>
    ),
  ].filter(Boolean);

  return (
    // not closed by a stray click beside it, nor by an Escape meant for a field select: a mapping would be lost
    <Modal open title={t('records.import.title')} width={860} onCancel={close} footer={footer} mask={{ closable: false }} keyboard={step !== 1} destroyOnHidden>
      <div data-testid="import-wizard">
        <Steps
          size="small"
          current={step}
          style={{ marginBottom: 24 }}
          items={[{ title: t('records.import.steps.upload') }, { title: t('records.import.steps.map') }, { title: t('records.import.steps.run') }]}
        />
        {step === 0 && <UploadStep workspaceId={workspaceId} appId={appId} formId={formId} onUploaded={uploadDone} />}
        {step === 1 && uploaded && (
          <MappingStep
            uploaded={uploaded}
            fields={fields}
            mapping={mapping}
            onMap={changeMapping}
            missing={missing}
            skipBadRows={skipBadRows}
            onSkipBadRows={setSkipBadRows}
            recordEvents={recordEvents}
            onRecordEvents={setRecordEvents}
            error={start.error}
            sent={start.variables?.mapping ?? []}
          />
        )}
        {step === 2 && view && (
          <ProgressStep workspaceId={workspaceId} appId={appId} formId={formId} view={view} pollError={job.isError ? job.error : null} />
        )}
      </div>
    </Modal>
  );
}

function UploadStep({ workspaceId, appId, formId, onUploaded }: { workspaceId: string; appId: string; formId: string; onUploaded: (v: ImportView) => void }) {
  const { t } = useTranslation();
  const [uploading, setUploading] = useState<{ name: string; percent: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);
  // closing the wizard (or going on) cancels an upload still running
  useEffect(() => () => abort.current?.abort(), []);

  const choose = (file: File) => {
    setError(null);
    // the server would refuse it too, but only after the whole file went over the wire
    if (file.size > MAX_UPLOAD_BYTES) {
      setError(t('records.import.tooLarge', { max: MAX_UPLOAD_MB }));
      return;
    }
    const controller = new AbortController();
    abort.current = controller;
    setUploading({ name: file.name, percent: 0 });
    transferApi
      .upload(workspaceId, appId, formId, file, (percent) => setUploading({ name: file.name, percent }), controller.signal)
      .then(onUploaded, (e: unknown) => {
        if (e instanceof DOMException && e.name === 'AbortError') return;
        setError(errorMessage(e, t));
      })
      .finally(() => {
        if (!controller.signal.aborted) setUploading(null);
      });
  };

  return (
    <Flex vertical gap={16}>
      {/* the test id on a wrapper: tests reach the file input inside it */}
      <div data-testid="import-dropzone">
        <Upload.Dragger
          accept=".csv,.xlsx"
          multiple={false}
          maxCount={1}
          showUploadList={false}
          disabled={!!uploading}
          beforeUpload={(file) => {
            choose(file);
            return false; // we send it ourselves, with the upload header and its progress
          }}
          data-testid="import-file-input"
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{t('records.import.drop')}</p>
          <p className="ant-upload-hint" style={{ paddingInline: 24 }}>
            {t('records.import.hint', { max: MAX_UPLOAD_MB })}
          </p>
        </Upload.Dragger>
      </div>
      {uploading && (
        <div data-testid="import-upload-progress" data-percent={uploading.percent}>
          <Typography.Text type="secondary">{t('records.import.uploading', { name: uploading.name })}</Typography.Text>
          <Progress percent={uploading.percent} status="active" format={(p) => `${p ?? 0}%`} />
        </div>
      )}
      {error && <Alert type="error" showIcon title={t('records.import.uploadFailed')} description={error} data-testid="import-upload-error" />}
      <RecentImports workspaceId={workspaceId} appId={appId} formId={formId} />
    </Flex>
  );
}

/** The caller's last imports into this form, with their error reports: a reminder of what was done. */
function RecentImports({ workspaceId, appId, formId }: { workspaceId: string; appId: string; formId: string }) {
  const { t } = useTranslation();
  const recent = useRecentImports(workspaceId, appId, formId);
  const items = (recent.data ?? []).slice(0, 5);
  // a nicety: when it cannot be read, the wizard works without it
  if (items.length === 0) return null;
  return (
    <Flex vertical gap={4} data-testid="import-recent">
      <Typography.Text strong>{t('records.import.recent')}</Typography.Text>
      {items.map((i) => (
        <Flex key={i.id} gap={8} align="center" wrap data-testid="import-recent-item" style={{ paddingBlock: 4, borderTop: '1px solid rgba(5, 5, 5, 0.06)' }}>
          <Typography.Text ellipsis style={{ maxWidth: 260 }}>
            {i.fileName}
          </Typography.Text>
          <Tag color={STATE_COLORS[i.state] ?? 'default'}>{t(`records.import.states.${i.state}`)}</Tag>
          <Typography.Text type="secondary">{formatDateTime(i.createdAt, false)}</Typography.Text>
          {i.state !== 'uploaded' && (
            <Typography.Text type="secondary">{t('records.import.recentCounts', { imported: i.importedRows, errors: i.errorRows })}</Typography.Text>
          )}
          {i.errorRows > 0 && (
            <a href={transferApi.errorReportUrl(workspaceId, appId, formId, i.id)} download style={{ marginLeft: 'auto' }}>
              <DownloadOutlined /> {t('records.import.errorReport')}
            </a>
          )}
        </Flex>
      ))}
    </Flex>
  );
}

interface MappingStepProps {
  uploaded: ImportView;
  fields: readonly FieldDefinition[];
  mapping: readonly ImportMappingEntry[];
  onMap: (column: number, field: string | undefined) => void;
  /** required fields no column fills yet */
  missing: readonly FieldDefinition[];
  skipBadRows: boolean;
  onSkipBadRows: (skip: boolean) => void;
  /** a "record created" event per record: rules and flows run as for records added one by one */
  recordEvents: boolean;
  onRecordEvents: (on: boolean) => void;
  /** the refused start */
  error: unknown;
  /** the mapping the refused start sent (its errors point into it) */
  sent: readonly ImportMappingEntry[];
}

function MappingStep({ uploaded, fields, mapping, onMap, missing, skipBadRows, onSkipBadRows, recordEvents, onRecordEvents, error, sent }: MappingStepProps) {
  const { t } = useTranslation();
  const options = importableFields(fields).map((f) => ({ value: f.key, label: f.label }));
  const fieldOf = (column: number) => mapping.find((m) => m.column === column)?.field;
  const problems = mappingProblems(error, sent);
  const placed = Object.keys(problems.byColumn).length > 0;
  const separator = t('records.value.separator');

  const columns: TableColumnsType<ImportColumn> = [
    { key: 'name', title: t('records.import.column'), width: 200, render: (_, c) => <Typography.Text strong>{c.name}</Typography.Text> },
    {
      key: 'samples',
      title: t('records.import.samples'),
      render: (_, c) => {
        const samples = c.samples.filter((s) => s.trim() !== '').slice(0, 3);
        if (samples.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
        return (
          <Flex vertical data-testid="import-mapping-samples">
            {samples.map((s, i) => (
              <Typography.Text key={i} type="secondary" ellipsis style={{ maxWidth: 280 }}>
                {s}
              </Typography.Text>
            ))}
          </Flex>
        );
      },
    },
    {
      key: 'field',
      title: t('records.import.field'),
      width: 260,
      render: (_, c) => {
        const field = fieldOf(c.index);
        const messages = problems.byColumn[c.index];
        return (
          // test id on a wrapper: tests find the select inside; data-field says what it holds
          <div data-testid={`import-mapping-field-${c.index}`} data-field={field ?? ''}>
            <Select
              value={field}
              onChange={(key?: string) => onMap(c.index, key)}
              options={options}
              allowClear
              placeholder={t('records.import.skipColumn')}
              showSearch={{ optionFilterProp: 'label' }}
              status={messages ? 'error' : undefined}
              style={{ width: 220 }}
            />
            {messages?.map((m, i) => (
              <div key={i}>
                <Typography.Text type="danger">{m}</Typography.Text>
              </div>
            ))}
          </div>
        );
      },
    },
  ];

  return (
    <Flex vertical gap={16}>
      <Flex gap={16} wrap>
        <Typography.Text data-testid="import-file-name">{t('records.import.file', { name: uploaded.fileName })}</Typography.Text>
        {uploaded.encoding && <Typography.Text type="secondary">{t('records.import.encoding', { encoding: uploaded.encoding })}</Typography.Text>}
        <Typography.Text type="secondary">{t('records.import.columnCount', { count: uploaded.columns.length })}</Typography.Text>
      </Flex>
      <Table<ImportColumn>
        data-testid="import-mapping-table"
        rowKey="index"
        size="small"
        columns={columns}
        dataSource={uploaded.columns}
        pagination={false}
        scroll={{ y: 320 }}
        onRow={(c) => ({ 'data-testid': 'import-mapping-row', 'data-column': c.index }) as React.HTMLAttributes<HTMLElement>}
      />
      {mapping.length === 0 ? (
        <Alert type="warning" showIcon title={t('records.import.nothingMapped')} data-testid="import-nothing-mapped" />
      ) : (
        missing.length > 0 && (
          <Alert
            type="warning"
            showIcon
            title={t('records.import.unmapped', { fields: missing.map((f) => f.label).join(separator) })}
            data-testid="import-unmapped"
          />
        )
      )}
      {error !== null && error !== undefined && (
        <Alert
          type="error"
          showIcon
          data-testid="import-mapping-error"
          title={problems.general.length > 0 || placed ? t('records.import.refused') : errorMessage(error, t)}
          description={
            problems.general.length > 0 ? (
              <ul style={{ margin: 0, paddingLeft: 18 }}>
                {problems.general.map((m, i) => (
                  <li key={i}>{m}</li>
                ))}
              </ul>
            ) : undefined
          }
        />
      )}
      <Flex vertical gap={4}>
        <Typography.Text strong>{t('records.import.mode')}</Typography.Text>
        <Radio.Group value={skipBadRows ? 'skip' : 'all'} onChange={(e) => onSkipBadRows(e.target.value === 'skip')}>
          <Flex vertical gap={4}>
            <Radio value="all" data-testid="import-mode-all">
              {t('records.import.modeAll')}
              <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
                {t('records.import.modeAllHint')}
              </Typography.Text>
            </Radio>
            <Radio value="skip" data-testid="import-mode-skip">
              {t('records.import.modeSkip')}
              <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
                {t('records.import.modeSkipHint')}
              </Typography.Text>
            </Radio>
          </Flex>
        </Radio.Group>
      </Flex>
      <Flex vertical gap={4}>
        <Typography.Text strong>{t('records.import.automations')}</Typography.Text>
        <Checkbox checked={recordEvents} onChange={(e) => onRecordEvents(e.target.checked)} data-testid="import-record-events">
          {t('records.import.recordEvents')}
        </Checkbox>
        <Typography.Text type="secondary">{t('records.import.recordEventsHint')}</Typography.Text>
      </Flex>
    </Flex>
  );
}

function ProgressStep({ workspaceId, appId, formId, view, pollError }: { workspaceId: string; appId: string; formId: string; view: ImportView; pollError: unknown }) {
  const { t } = useTranslation();
  const done = view.state === 'done';
  const failed = view.state === 'failed';
  const percent = done ? 100 : Math.max(0, Math.min(100, Math.round(view.progress)));
  const report = view.errorRows > 0 && (
    <a href={transferApi.errorReportUrl(workspaceId, appId, formId, view.id)} download data-testid="import-error-report">
      <DownloadOutlined /> {t('records.import.errorReport')}
    </a>
  );
  return (
    <Flex vertical gap={12}>
      <div data-testid="import-progress" data-percent={percent} data-state={view.state}>
        <Progress percent={percent} status={failed ? 'exception' : done ? 'success' : 'active'} format={(p) => `${p ?? 0}%`} />
      </div>
      <Typography.Text type="secondary" data-testid="import-stats">
        {t('records.import.stats', { processed: view.processedRows, imported: view.importedRows, errors: view.errorRows })}
      </Typography.Text>
      {isActive(view.state) && (
        <Typography.Text type="secondary">
          {t(view.state === 'queued' ? 'records.import.queued' : 'records.import.running')} {t('records.import.background')}
        </Typography.Text>
      )}
      {pollError !== null && pollError !== undefined && isActive(view.state) && (
        <Alert type="warning" showIcon title={t('records.import.pollFailed')} description={errorMessage(pollError, t)} />
      )}
      {done && (
        <Result
          status="success"
          title={t('records.import.doneTitle')}
          subTitle={
            <Flex vertical>
              <span data-testid="import-imported">{t('records.import.imported', { count: view.importedRows })}</span>
              {view.errorRows > 0 && <span data-testid="import-skipped">{t('records.import.skipped', { count: view.errorRows })}</span>}
            </Flex>
          }
          extra={report}
          data-testid="import-result"
          data-state={view.state}
        />
      )}
      {failed && (
        <Result
          status="error"
          title={t('records.import.failedTitle')}
          subTitle={view.failure?.message}
          extra={report}
          data-testid="import-result"
          data-state={view.state}
        />
      )}
    </Flex>
  );
}
