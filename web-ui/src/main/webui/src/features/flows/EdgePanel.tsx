import { Alert, Button, Form, Input, Radio, Typography } from 'antd';
import { ArrowRightOutlined, DeleteOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ELSE, whenChoices, whenValue, type DesignerEdge, type DesignerNode } from './graph';
import type { FlowProblem } from './types';

/** Radio value of a plain edge (a Radio needs a value). */
const PLAIN = '__plain__';

interface Props {
  edge: DesignerEdge;
  source?: DesignerNode;
  target?: DesignerNode;
  readOnly: boolean;
  problems: FlowProblem[];
  /** null: a plain edge */
  onChange: (when: string | null) => void;
  onRemove: () => void;
}

/** The selected edge: where it goes, and when it is taken, with the choices its source node allows. */
export function EdgePanel({ edge, source, target, readOnly, problems, onChange, onRemove }: Props) {
  const { t } = useTranslation();
  const when = edge.data?.when;
  const sourceType = source?.data.type ?? '';
  const choices = whenChoices(sourceType, source?.data.config ?? {}, when);
  const nameOf = (n: DesignerNode | undefined, id: string) => n?.data.name || (n ? t(`flows.node.${n.data.type}`, { defaultValue: n.data.type }) : id);
  return (
    <Form layout="vertical" size="small" disabled={readOnly} data-testid="flow-edge-panel" data-edge={edge.id}>
      {problems.map((p, i) => (
        <Alert key={i} type="error" showIcon title={p.message} style={{ marginBottom: 8 }} data-testid="flow-edge-panel-problem" />
      ))}
      <Typography.Paragraph>
        <Typography.Text strong>{nameOf(source, edge.source)}</Typography.Text> <ArrowRightOutlined />{' '}
        <Typography.Text strong>{nameOf(target, edge.target)}</Typography.Text>
      </Typography.Paragraph>
      <Form.Item label={t('flows.edge.when')}>
        {choices.kind === 'none' && <Typography.Text type="secondary">{t('flows.edge.plainOnly')}</Typography.Text>}
        {choices.kind === 'options' && (
          <Radio.Group
            value={whenValue(sourceType, when) ?? PLAIN}
            onChange={(e) => onChange(e.target.value === PLAIN ? null : (e.target.value as string))}
            data-testid="flow-edge-when"
          >
            {choices.options.map((o) => (
              <Radio key={o.value ?? PLAIN} value={o.value ?? PLAIN} data-testid={`flow-edge-when-${o.value ?? 'plain'}`}>
                {o.labelKey ? t(o.labelKey) : o.text}
                {o.stale && <Typography.Text type="secondary"> {t('flows.edge.stale')}</Typography.Text>}
              </Radio>
            ))}
          </Radio.Group>
        )}
        {choices.kind === 'expression' && (
          <>
            <Radio.Group
              value={when === ELSE ? ELSE : 'expression'}
              onChange={(e) => onChange(e.target.value === ELSE ? ELSE : '')}
              data-testid="flow-edge-condition-kind"
            >
              <Radio value="expression" data-testid="flow-edge-when-expression">{t('flows.edge.expression')}</Radio>
              <Radio value={ELSE} data-testid="flow-edge-when-else">{t('flows.edge.else')}</Radio>
            </Radio.Group>
            {when !== ELSE && (
              <Input.TextArea
                value={when ?? ''}
                onChange={(e) => onChange(e.target.value)}
                placeholder={t('flows.edge.expressionPlaceholder')}
                autoSize={{ minRows: 2, maxRows: 6 }}
                style={{ marginTop: 8, fontFamily: 'monospace' }}
                data-testid="flow-edge-expression"
              />
            )}
          </>
        )}
      </Form.Item>
      {!readOnly && (
        <Button danger icon={<DeleteOutlined />} onClick={onRemove} data-testid="flow-edge-delete">
          {t('flows.designer.deleteEdge')}
        </Button>
      )}
    </Form>
  );
}
