import { useMemo, type ReactNode } from 'react';
import { Col, Divider, Row } from 'antd';
import { placeFields } from './layout';

/**
 * Fields drawn as the form's layout says: section headings, and each field on its share of a row
 * (whole width on a phone). The designer's preview and the record form both draw with it.
 */
export function LaidOutFields<F extends { key: string }>({ fields, layout, render }: {
  fields: readonly F[];
  layout: unknown;
  render: (field: F) => ReactNode;
}) {
  const placed = useMemo(() => placeFields(fields, layout), [fields, layout]);
  return (
    <Row gutter={16}>
      {placed.map((p) => p.kind === 'section' ? (
        <Col span={24} key={p.key}>
          <Divider titlePlacement="start" style={{ marginTop: 4 }} data-testid="form-section">{p.title}</Divider>
        </Col>
      ) : (
        <Col key={p.field.key} xs={24} sm={p.span} data-span={p.span}>{render(p.field)}</Col>
      ))}
    </Row>
  );
}
