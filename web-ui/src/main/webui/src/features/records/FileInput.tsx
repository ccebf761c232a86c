import { useContext, useMemo, useRef, useState } from 'react';
import { Button, Flex, Image, Typography, Upload, type UploadFile, type UploadProps } from 'antd';
import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { acceptAttribute, extensionOf, fileLimits, fileValues, formatFileSize, uploadErrorMessage, uploadFile, type FileValue } from './files';
import { UploadTrackerContext, useFileLinks } from './scope';
import type { FieldDefinition } from './types';

/** A file on its way (or refused): shown in the list, not yet in the value. */
interface Upload {
  uid: string;
  name: string;
  size: number;
  percent: number;
  status: 'uploading' | 'error';
  error?: string;
}

type RcFile = Parameters<NonNullable<UploadProps['beforeUpload']>>[0];

export interface FileInputProps {
  field: FieldDefinition;
  /** the files, `{id, name, size, type}` each (see files.ts) */
  value?: unknown;
  onChange?: (value: FileValue[]) => void;
  id?: string;
  /** the designer's preview: the upload area is shown, nothing can be uploaded */
  disabled?: boolean;
}

/**
 * The input of an attachment or image field: files are uploaded as soon as they are chosen (with
 * progress), and the value holds the uploaded files; a file is checked against the field's size and
 * count limits (and an attachment's types) before it is sent, the server checks again and its
 * refusal is shown under the file. Images as picture cards with a preview, attachments as a list.
 */
export function FileInput({ field, value, onChange, id, disabled = false }: FileInputProps) {
  const { t } = useTranslation();
  const links = useFileLinks();
  const tracker = useContext(UploadTrackerContext);
  const image = field.type === 'image';
  const limits = fileLimits(field);
  const files = useMemo(() => fileValues(value), [value]);
  // the latest value, also between an upload's end and the next render (several end at once)
  const current = useRef(files);
  current.current = files;
  const [uploads, setUploadsState] = useState<Upload[]>([]);
  const uploadsRef = useRef<Upload[]>([]);
  const controllers = useRef(new Map<string, AbortController>());
  // files uploaded here: no record holds them yet, they are read as the user's pending files
  const mine = useRef(new Set<string>());
  const [preview, setPreview] = useState({ open: false, current: 0 });
  const canUpload = !disabled && !!links;

  const setUploads = (change: (old: Upload[]) => Upload[]) => {
    uploadsRef.current = change(uploadsRef.current);
    setUploadsState(uploadsRef.current);
  };
  const patch = (uid: string, change: Partial<Upload>) => setUploads((us) => us.map((u) => (u.uid === uid ? { ...u, ...change } : u)));
  const drop = (uid: string) => setUploads((us) => us.filter((u) => u.uid !== uid));
  const running = () => uploadsRef.current.filter((u) => u.status === 'uploading').length;
  const emit = (next: FileValue[]) => {
    current.current = next;
    onChange?.(next);
  };

  const urlOf = (f: FileValue): string | undefined => {
    if (!links) return undefined;
    return links.recordId && !mine.current.has(f.id) ? links.record(links.recordId, f.id) : links.pending(f.id);
  };

  const refuse = (file: RcFile, error: string) => {
    setUploads((us) => [...us, { uid: file.uid, name: file.name, size: file.size, percent: 0, status: 'error', error }]);
    return Upload.LIST_IGNORE;
  };

  // called for each chosen file in turn before any is sent: a file that may go takes its place at once
  const beforeUpload = (file: RcFile) => {
    if (current.current.length + running() >= limits.maxFiles) return refuse(file, t('records.files.tooMany', { count: limits.maxFiles }));
    if (file.size > limits.maxSizeMb * 1024 * 1024) return refuse(file, t('records.files.tooLarge', { size: limits.maxSizeMb }));
    if (limits.accept.length > 0 && !limits.accept.includes(extensionOf(file.name))) {
      return refuse(file, t('records.files.wrongType', { types: limits.accept.join(', ') }));
    }
    setUploads((us) => [...us, { uid: file.uid, name: file.name, size: file.size, percent: 0, status: 'uploading' }]);
    return true;
  };

  const customRequest: UploadProps['customRequest'] = (options) => {
    const file = options.file as RcFile;
    const uid = file.uid;
    if (!links) {
      drop(uid);
      return;
    }
    const controller = new AbortController();
    controllers.current.set(uid, controller);
    if (tracker) tracker.running += 1;
    uploadFile(links.workspaceId, links.appId, links.formId, field.key, file, (percent) => patch(uid, { percent }), controller.signal)
      .then((uploaded) => {
        mine.current.add(uploaded.id);
        drop(uid);
        if (!current.current.some((f) => f.id === uploaded.id)) {
          emit([...current.current, { id: uploaded.id, name: uploaded.name, size: uploaded.size, type: uploaded.type }]);
        }
      })
      .catch((e: unknown) => {
        if (e instanceof DOMException && e.name === 'AbortError') drop(uid);
        else patch(uid, { status: 'error', error: uploadErrorMessage(e, t('records.files.failed')) });
      })
      .finally(() => {
        controllers.current.delete(uid);
        if (tracker) tracker.running -= 1;
      });
    return { abort: () => controller.abort() };
  };

  const onRemove = (item: UploadFile) => {
    if (uploadsRef.current.some((u) => u.uid === item.uid)) {
      controllers.current.get(item.uid)?.abort(); // a running one is cancelled, a refused one dismissed
      drop(item.uid);
    } else {
      emit(current.current.filter((f) => f.id !== item.uid));
    }
    return false;
  };

  const fileList: UploadFile[] = [
    ...files.map((f): UploadFile => {
      const url = urlOf(f);
      return { uid: f.id, name: f.name, size: f.size, type: f.type, status: 'done', url, thumbUrl: image ? url : undefined };
    }),
    ...uploads.map((u): UploadFile => ({ uid: u.uid, name: u.name, size: u.size, status: u.status, percent: u.percent, response: u.error })),
  ];
  const errors = uploads.filter((u) => u.status === 'error');
  const atLimit = files.length + uploads.filter((u) => u.status === 'uploading').length >= limits.maxFiles;
  const showTrigger = !canUpload || !atLimit;

  const trigger = image ? (
    <div data-testid="file-add">
      <PlusOutlined />
      <div style={{ marginTop: 8 }}>{t('records.files.addImage')}</div>
    </div>
  ) : (
    <Button icon={<UploadOutlined />} disabled={!canUpload} data-testid="file-add">
      {t('records.files.add')}
    </Button>
  );

  return (
    <div data-testid={`file-input-${field.key}`} data-count={files.length} data-uploading={uploads.filter((u) => u.status === 'uploading').length}>
      <Upload
        id={id}
        listType={image ? 'picture-card' : 'text'}
        fileList={fileList}
        multiple={limits.maxFiles > 1}
        accept={acceptAttribute(field)}
        beforeUpload={beforeUpload}
        customRequest={customRequest}
        onRemove={onRemove}
        onPreview={
          image
            ? (item) => {
                const i = files.findIndex((f) => f.id === item.uid);
                if (i >= 0 && links) setPreview({ open: true, current: i });
              }
            : undefined
        }
        disabled={!canUpload}
        showUploadList={{
          showPreviewIcon: image,
          showDownloadIcon: false,
          extra: image
            ? undefined
            : (item: UploadFile) =>
                item.size !== undefined && (
                  <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }} data-testid="file-size">
                    {formatFileSize(item.size)}
                  </Typography.Text>
                ),
        }}
        itemRender={(node, item) => {
          const upload = uploads.find((u) => u.uid === item.uid);
          return (
            <div
              data-testid="file-item"
              data-file-id={upload ? undefined : item.uid}
              data-status={item.status}
              data-percent={item.status === 'uploading' ? String(item.percent ?? 0) : undefined}
              style={image ? { width: '100%', height: '100%' } : undefined}
            >
              {node}
              {!image && upload?.error && (
                <Typography.Text type="danger" style={{ display: 'block', fontSize: 12 }} data-testid="file-error">
                  {upload.error}
                </Typography.Text>
              )}
            </div>
          );
        }}
      >
        {showTrigger ? trigger : null}
      </Upload>
      {image && errors.length > 0 && (
        <Flex vertical>
          {errors.map((u) => (
            <Typography.Text key={u.uid} type="danger" style={{ fontSize: 12 }} data-testid="file-error">
              {t('records.files.error', { name: u.name, message: u.error })}
            </Typography.Text>
          ))}
        </Flex>
      )}
      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, marginTop: 4 }} data-testid="file-limits">
        {[
          t(image ? 'records.files.limitsImage' : 'records.files.limits', { count: limits.maxFiles, size: limits.maxSizeMb }),
          limits.accept.length > 0 ? t('records.files.types', { types: limits.accept.join(', ') }) : '',
          canUpload ? '' : t('records.files.previewOnly'),
        ]
          .filter(Boolean)
          .join(t('records.files.hintSeparator'))}
      </Typography.Text>
      {image && links && files.length > 0 && (
        <Image.PreviewGroup
          items={files.map((f) => urlOf(f) ?? '')}
          preview={{
            open: preview.open,
            current: preview.current,
            onOpenChange: (open) => setPreview((p) => ({ ...p, open })),
            onChange: (i) => setPreview((p) => ({ ...p, current: i })),
          }}
        />
      )}
    </div>
  );
}
