import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Dropdown, Flex, Modal, Progress, Typography, type MenuProps } from 'antd';
import { DownloadOutlined, DownOutlined, ExportOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../components/errors';
import type { FilterNode } from '../filter';
import { startDownload, transferApi } from './api';
import { isActive, type ExportFormat, type ExportRequest, type ExportView } from './types';
import { useExportJob } from './useTransfer';

export interface ExportButtonProps {
  workspaceId: string;
  appId: string;
  formId: string;
  /** the view of the grid as it is now: what is exported */
  filter: FilterNode | null;
  sort: string;
  /** the visible columns, in order */
  fields: readonly string[];
}

/** The records as the grid shows them (filter, sort, columns) into a CSV or XLSX file, written by the server. */
export function ExportButton({ workspaceId, appId, formId, filter, sort, fields }: ExportButtonProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [started, setStarted] = useState<ExportView | null>(null);
  const create = useMutation({
    mutationFn: (body: ExportRequest) => transferApi.startExport(workspaceId, appId, formId, body),
    onSuccess: setStarted,
  });

  const choose = (format: ExportFormat) => {
    setStarted(null);
    setOpen(true);
    create.mutate({ format, ...(filter ? { filter } : {}), sort, fields: [...fields] });
  };
  const close = () => {
    setOpen(false);
    setStarted(null);
    create.reset();
  };

  const menu: MenuProps = {
    items: [
      { key: 'csv', label: <span data-testid="export-csv">{t('records.export.csv')}</span> },
      { key: 'xlsx', label: <span data-testid="export-xlsx">{t('records.export.xlsx')}</span> },
    ],
    onClick: ({ key }) => choose(key as ExportFormat),
  };

  return (
    <>
      <Dropdown menu={menu} trigger={['click']} placement="bottomRight">
        <Button icon={<ExportOutlined />} data-testid="records-export">
          {t('records.export.button')} <DownOutlined style={{ fontSize: 10 }} />
        </Button>
      </Dropdown>
      {open && (
        <ExportModal
          workspaceId={workspaceId}
          appId={appId}
          formId={formId}
          started={started}
          startError={create.isError ? create.error : null}
          onClose={close}
        />
      )}
    </>
  );
}

interface ExportModalProps {
  workspaceId: string;
  appId: string;
  formId: string;
  /** null while the export is being asked for */
  started: ExportView | null;
  startError: unknown;
  onClose: () => void;
}

function ExportModal({ workspaceId, appId, formId, started, startError, onClose }: ExportModalProps) {
  const { t } = useTranslation();
  const job = useExportJob(workspaceId, appId, formId, started);
  const view = started ? (job.data ?? started) : null;
  const done = view?.state === 'done';
  const failed = view?.state === 'failed';
  const url = view ? transferApi.exportFileUrl(workspaceId, appId, formId, view.id) : '';
  const percent = done ? 100 : Math.max(0, Math.min(100, Math.round(view?.progress ?? 0)));

  // the file comes by itself once, when it is ready; the button is there for a second copy (or a blocked one)
  const downloaded = useRef<string | null>(null);
  useEffect(() => {
    if (done && view && downloaded.current !== view.id) {
      downloaded.current = view.id;
      startDownload(url);
    }
  }, [done, view, url]);

  let body;
  if (startError !== null && startError !== undefined) {
    body = <Alert type="error" showIcon title={t('records.export.failed')} description={errorMessage(startError, t)} data-testid="export-error" />;
  } else if (!view) {
    body = <Typography.Text type="secondary">{t('records.export.preparing')}</Typography.Text>;
  } else {
    body = (
      <>
        <div data-testid="export-progress" data-percent={percent} data-state={view.state}>
          <Progress percent={percent} status={failed ? 'exception' : done ? 'success' : 'active'} format={(p) => `${p ?? 0}%`} />
        </div>
        <Typography.Text type="secondary" data-testid="export-stats">
          {done
            ? t('records.export.done', { count: view.exportedRows })
            : view.totalRows !== null && view.totalRows !== undefined
              ? t('records.export.progress', { exported: view.exportedRows, total: view.totalRows })
              : t('records.export.progressUnknown', { count: view.exportedRows })}
        </Typography.Text>
        {failed && <Alert type="error" showIcon title={t('records.export.failed')} description={view.failure?.message} data-testid="export-error" />}
        {job.isError && isActive(view.state) && (
          <Alert type="warning" showIcon title={t('records.export.pollFailed')} description={errorMessage(job.error, t)} />
        )}
        {done && (
          <div>
            <Button type="primary" icon={<DownloadOutlined />} href={url} download={view.fileName ?? ''} data-testid="export-download">
              {t('records.export.download')}
            </Button>
          </div>
        )}
      </>
    );
  }

  return (
    <Modal
      open
      title={t('records.export.title')}
      onCancel={onClose}
      footer={
        <Button onClick={onClose} data-testid="export-close">
          {t('records.export.close')}
        </Button>
      }
      destroyOnHidden
    >
      <Flex vertical gap={12} data-testid="export-modal">
        <Typography.Text type="secondary">{t('records.export.hint')}</Typography.Text>
        {body}
      </Flex>
    </Modal>
  );
}
