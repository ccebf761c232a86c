import type { ReactNode } from 'react';
import { Flex, Image, Rate, Space, Tag, Typography } from 'antd';
import { PaperClipOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { choiceLabel, choicesOf } from './fieldTypes';
import { fileValues, formatFileSize, type FileValue } from './files';
import { formatValue, isEmptyValue, stripHtml, type ValueLabels } from './format';
import { useFileLinks } from './scope';
import type { FieldDefinition } from './types';

/** Thumbnails an image cell shows; the rest are counted ("+2") and reached in the preview. */
export const CELL_THUMBNAILS = 3;

function ChoiceTag({ field, value }: { field: FieldDefinition; value: string }) {
  const color = choicesOf(field).find((c) => c.value === value)?.color;
  return (
    <Tag color={color} style={{ marginInlineEnd: 4 }}>
      {choiceLabel(field, value)}
    </Tag>
  );
}

/**
 * One value in the grid or the drawer: tags for choices, a picture for a signature, thumbnails of
 * images and links to attachments (files are read through `recordId`), text otherwise.
 */
export function CellValue({ field, value, labels, full = false, recordId }: { field: FieldDefinition; value: unknown; labels: ValueLabels; full?: boolean; recordId?: string }) {
  const { t } = useTranslation();
  if (isEmptyValue(value)) return <Typography.Text type="secondary">-</Typography.Text>;
  switch (field.type) {
    case 'select':
      return <ChoiceTag field={field} value={String(value)} />;
    case 'multiselect':
    case 'tags':
      return (
        <Space size={[0, 4]} wrap>
          {(Array.isArray(value) ? value : [value]).map((v) => (
            <ChoiceTag key={String(v)} field={field} value={String(v)} />
          ))}
        </Space>
      );
    case 'rating':
      return <Rate disabled count={field.options?.max ?? 5} value={Number(value)} style={{ fontSize: 14 }} />;
    case 'signature':
      return typeof value === 'string' && value.startsWith('data:image/') ? (
        <img src={value} alt={t('records.value.signature')} style={{ height: full ? 80 : 28, maxWidth: '100%', objectFit: 'contain', background: '#fff' }} />
      ) : (
        <Typography.Text type="secondary">{t('records.value.signature')}</Typography.Text>
      );
    case 'image':
      return <ImagesValue files={fileValues(value)} recordId={recordId} full={full} />;
    case 'attachment':
      return <AttachmentsValue files={fileValues(value)} recordId={recordId} full={full} />;
    case 'subform':
      if (full) return <SubformValue field={field} value={value} labels={labels} />;
      break;
    case 'richtext':
      // text only: the HTML is not ours to run
      if (full) return <div style={{ whiteSpace: 'pre-wrap' }}>{stripHtml(String(value))}</div>;
      break;
    case 'textarea':
      if (full) return <div style={{ whiteSpace: 'pre-wrap' }}>{String(value)}</div>;
      break;
  }
  const text = formatValue(field, value, { t, ...labels });
  return full ? <span>{text}</span> : <Typography.Text ellipsis={{ tooltip: text }} style={{ maxWidth: 240 }}>{text}</Typography.Text>;
}

function SubformValue({ field, value, labels }: { field: FieldDefinition; value: unknown; labels: ValueLabels }) {
  const rows = Array.isArray(value) ? (value as Record<string, unknown>[]) : [];
  const columns = field.options?.fields ?? [];
  return (
    <div style={{ overflowX: 'auto' }}>
      <table className="records-subform-value" style={{ borderCollapse: 'collapse', fontSize: 13 }}>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.key} style={{ textAlign: 'start', padding: '2px 8px', borderBottom: '1px solid #f0f0f0', fontWeight: 500 }}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={i}>
              {columns.map((c) => (
                <td key={c.key} style={{ padding: '2px 8px', borderBottom: '1px solid #f0f0f0' }}>
                  <CellValue field={c} value={row?.[c.key]} labels={labels} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Clicks on files are theirs: not also the grid row's (which opens the record), previews included. */
function OwnClicks({ children, testId }: { children: ReactNode; testId: string }) {
  return (
    <span onClick={(e) => e.stopPropagation()} data-testid={testId} style={{ display: 'inline-block', maxWidth: '100%' }}>
      {children}
    </span>
  );
}

/** Small thumbnails (a few in a cell, all in the drawer) opening a preview of all the record's images. */
function ImagesValue({ files, recordId, full }: { files: FileValue[]; recordId?: string; full: boolean }) {
  const links = useFileLinks();
  if (!links || !recordId) return <FileNames files={files} />;
  const urls = files.map((f) => links.record(recordId, f.id));
  const shown = full ? files : files.slice(0, CELL_THUMBNAILS);
  const size = full ? 72 : 28;
  const more = files.length - shown.length;
  return (
    <OwnClicks testId="cell-images">
      <Flex gap={4} align="center" wrap={full}>
        <Image.PreviewGroup items={urls}>
          {shown.map((f, i) => (
            <Image
              key={f.id}
              src={urls[i]}
              alt={f.name}
              width={size}
              height={size}
              style={{ objectFit: 'cover', borderRadius: 4 }}
              data-file-id={f.id}
            />
          ))}
        </Image.PreviewGroup>
        {more > 0 && (
          <Tag style={{ marginInlineEnd: 0 }} data-testid="cell-images-more">
            +{more}
          </Tag>
        )}
      </Flex>
    </OwnClicks>
  );
}

/** File names with their sizes, each a link to the download. */
function AttachmentsValue({ files, recordId, full }: { files: FileValue[]; recordId?: string; full: boolean }) {
  const links = useFileLinks();
  if (!links || !recordId) return <FileNames files={files} />;
  const items = files.map((f) => (
    <span key={f.id} style={{ whiteSpace: 'nowrap' }}>
      <PaperClipOutlined style={{ color: '#8c8c8c', marginInlineEnd: 4 }} />
      <Typography.Link href={links.record(recordId, f.id)} target="_blank" rel="noopener noreferrer" data-file-id={f.id}>
        {f.name}
      </Typography.Link>
      <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 4 }}>
        ({formatFileSize(f.size)})
      </Typography.Text>
    </span>
  ));
  return (
    <OwnClicks testId="cell-attachments">
      {full ? (
        <Flex vertical gap={2}>
          {items}
        </Flex>
      ) : (
        <Flex gap={8} style={{ maxWidth: 320, overflow: 'hidden', textOverflow: 'ellipsis' }} title={files.map((f) => f.name).join(', ')}>
          {items}
        </Flex>
      )}
    </OwnClicks>
  );
}

/** Where no file can be read (no form or record known): the names. */
function FileNames({ files }: { files: FileValue[] }) {
  const text = files.map((f) => f.name).join(', ');
  return <Typography.Text ellipsis={{ tooltip: text }} style={{ maxWidth: 240 }}>{text}</Typography.Text>;
}
