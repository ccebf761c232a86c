import { useRef, type ReactNode, type ThHTMLAttributes } from 'react';
import { Button, Flex, Table, Typography, type TableColumnsType, type TableProps } from 'antd';
import { LeftOutlined, RightOutlined, UndoOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/time';
import { CellValue } from './cellRender';
import { isSortable } from './fieldTypes';
import type { ValueLabels } from './format';
import { sortFromHeader, sortOrderOf } from './sorting';
import type { FieldDefinition, FormRecord, RecordTotal } from './types';
import { clampWidth } from './views/gridState';

/** A field column's width once the grid has widths, until it is given its own; and the fixed columns'. */
const DEFAULT_COLUMN_WIDTH = 160;
const CREATED_WIDTH = 160;

interface RecordGridProps {
  fields: readonly FieldDefinition[];
  records: readonly FormRecord[];
  loading: boolean;
  sort: string;
  onSort: (sort: string) => void;
  onOpen: (record: FormRecord) => void;
  labels: ValueLabels;
  trash: boolean;
  onRestore?: (record: FormRecord) => void;
  restoringId?: string;
  empty: ReactNode;
  /** pixels per field key; a field without one is as wide as its content */
  widths?: Readonly<Record<string, number>>;
  /** a field column's edge dragged (called while dragging); none: the columns are not resizable */
  onResize?: (key: string, width: number) => void;
}

/** The records of a page, a column per visible field; sorting is the server's. */
export function RecordGrid({ fields, records, loading, sort, onSort, onOpen, labels, trash, onRestore, restoringId, empty, widths = {}, onResize }: RecordGridProps) {
  const { t } = useTranslation();
  // once a column has a width, the table lays out by widths (auto layout would not let it narrow)
  const sized = fields.some((f) => widths[f.key] !== undefined);
  const columns: TableColumnsType<FormRecord> = fields.map((f) => ({
    key: f.key,
    title: f.label,
    width: sized ? (widths[f.key] ?? DEFAULT_COLUMN_WIDTH) : undefined,
    ellipsis: sized,
    sorter: isSortable(f),
    sortOrder: isSortable(f) ? sortOrderOf(sort, f.key) : undefined,
    render: (_, r) => <CellValue field={f} value={r.data[f.key]} labels={labels} recordId={r.id} />,
    onHeaderCell: () =>
      ({
        width: widths[f.key],
        fieldKey: f.key,
        onResize: onResize ? (w: number) => onResize(f.key, w) : undefined,
      }) as ResizableHeaderProps,
  }));
  columns.push({
    key: 'createdAt',
    title: t('records.createdAt'),
    width: CREATED_WIDTH,
    sorter: true,
    // newest first is the default: the first click turns it around
    sortDirections: ['descend', 'ascend'],
    sortOrder: sortOrderOf(sort, 'createdAt'),
    render: (_, r) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(r.createdAt, false)}</span>,
  });
  if (trash) {
    columns.push(
      {
        key: 'deletedAt',
        title: t('records.deletedAt'),
        width: 160,
        render: (_, r) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(r.deletedAt, false)}</span>,
      },
      {
        key: 'restore',
        title: t('common.actions'),
        width: 100,
        fixed: 'right',
        render: (_, r) => (
          <Button
            size="small"
            icon={<UndoOutlined />}
            loading={restoringId === r.id}
            onClick={(e) => {
              e.stopPropagation(); // not also open the drawer
              onRestore?.(r);
            }}
            data-testid="record-restore-row"
          >
            {t('records.trash.restore')}
          </Button>
        ),
      },
    );
  }

  const onChange: TableProps<FormRecord>['onChange'] = (_pagination, _filters, sorter) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    onSort(sortFromHeader(s?.columnKey === undefined ? undefined : String(s.columnKey), s?.order ?? null));
  };

  return (
    <Table<FormRecord>
      data-testid="records-table"
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={[...records]}
      loading={loading}
      pagination={false}
      onChange={onChange}
      showSorterTooltip={false}
      components={{ header: { cell: ResizableHeaderCell } }}
      tableLayout={sized ? 'fixed' : undefined}
      scroll={{ x: sized ? tableWidth(columns) : 'max-content' }}
      locale={{ emptyText: empty }}
      onRow={(r) =>
        ({
          'data-testid': 'record-row',
          'data-record-id': r.id,
          tabIndex: 0,
          style: { cursor: 'pointer' },
          onClick: () => onOpen(r),
          onKeyDown: (e: React.KeyboardEvent) => {
            // Enter on the row itself, not on a button inside it
            if (e.key === 'Enter' && e.target === e.currentTarget) onOpen(r);
          },
        }) as React.HTMLAttributes<HTMLElement>
      }
    />
  );
}

function tableWidth(columns: TableColumnsType<FormRecord>): number {
  return columns.reduce((sum, c) => sum + (typeof c.width === 'number' ? c.width : DEFAULT_COLUMN_WIDTH), 0);
}

interface ResizableHeaderProps extends ThHTMLAttributes<HTMLTableCellElement> {
  /** the width set, if any: where a drag starts from (else the width the header has now) */
  width?: number;
  fieldKey?: string;
  onResize?: (width: number) => void;
}

/** A header cell with a handle on its end edge: dragging it sets the column's width. */
function ResizableHeaderCell({ width, fieldKey, onResize, children, ...rest }: ResizableHeaderProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLTableCellElement>(null);
  if (!onResize) return <th {...rest}>{children}</th>;
  const start = (e: React.PointerEvent) => {
    if (e.button !== 0) return;
    e.preventDefault(); // no text selection while dragging
    e.stopPropagation();
    const startX = e.clientX;
    const from = width ?? (ref.current?.getBoundingClientRect().width || DEFAULT_COLUMN_WIDTH);
    const move = (ev: PointerEvent) => onResize(clampWidth(from + ev.clientX - startX));
    const end = () => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', end);
      window.removeEventListener('pointercancel', end);
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', end);
    window.addEventListener('pointercancel', end);
  };
  return (
    <th {...rest} ref={ref} style={{ ...rest.style, position: 'relative' }}>
      {children}
      <span
        role="separator"
        aria-orientation="vertical"
        aria-label={t('records.columns.resize')}
        className="records-column-resize"
        onPointerDown={start}
        // not also sort by the column
        onClick={(e) => e.stopPropagation()}
        data-testid={`records-resize-${fieldKey}`}
        style={{ position: 'absolute', insetInlineEnd: -4, top: 0, bottom: 0, width: 8, cursor: 'col-resize', zIndex: 1, touchAction: 'none' }}
      />
    </th>
  );
}

interface PagerProps {
  total?: RecordTotal | null;
  page: number;
  hasPrevious: boolean;
  hasNext: boolean;
  onPrevious: () => void;
  onNext: () => void;
}

/** Cursor paging: previous / next, the page number, and the total ("about N" for a big form's estimate). */
export function Pager({ total, page, hasPrevious, hasNext, onPrevious, onNext }: PagerProps) {
  const { t } = useTranslation();
  return (
    <Flex justify="space-between" align="center" gap={8} wrap style={{ marginTop: 12 }}>
      <Typography.Text type="secondary" data-testid="records-total" data-exact={total ? String(total.exact) : undefined}>
        {total ? (total.exact ? t('records.pager.total', { count: total.value }) : t('records.pager.totalApprox', { count: total.value })) : ''}
      </Typography.Text>
      <Flex gap={8} align="center">
        <Typography.Text type="secondary" data-testid="records-page">
          {t('records.pager.page', { page })}
        </Typography.Text>
        <Button icon={<LeftOutlined />} disabled={!hasPrevious} onClick={onPrevious} data-testid="records-prev">
          {t('records.pager.prev')}
        </Button>
        <Button disabled={!hasNext} onClick={onNext} data-testid="records-next" iconPlacement="end" icon={<RightOutlined />}>
          {t('records.pager.next')}
        </Button>
      </Flex>
    </Flex>
  );
}
