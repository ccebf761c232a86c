import { useState } from 'react';
import { Alert, App as AntApp, Checkbox, Form, Input, Radio, Select, Typography, type SelectProps } from 'antd';
import { CalendarOutlined, ProjectOutlined, TableOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../components/FormModal';
import { countConditions } from '../filter';
import type { FieldDefinition } from '../types';
import { VIEW_KINDS, type GridViewConfig, type SavedView, type ViewKind } from './types';
import { useCreateView } from './useViews';
import { buildNewView, fieldChoices, viewFormProblems, type FieldChoices, type ViewFormValues } from './viewForm';

export const KIND_ICONS: Record<ViewKind, React.ReactNode> = { grid: <TableOutlined />, kanban: <ProjectOutlined />, calendar: <CalendarOutlined /> };

interface SaveViewModalProps {
  workspaceId: string;
  appId: string;
  formId: string;
  open: boolean;
  /** 'grid': the grid saved as it is (另存为, 保存为视图); none: the kind is chosen (新建视图) */
  kind?: 'grid';
  fields: readonly FieldDefinition[];
  /** the grid as it is now: a grid view's config, and the filter a board or calendar takes along */
  grid: GridViewConfig;
  /** may share it with everyone (app.manage) */
  canShare: boolean;
  /** where it goes among the views: after the last */
  position: number;
  initialName?: string;
  onClose: () => void;
  onCreated: (view: SavedView) => void;
}

/** A new saved view: its name, its kind and what that kind needs, shared or personal. */
export function SaveViewModal({ workspaceId, appId, formId, open, kind, fields, grid, canShare, position, initialName, onClose, onCreated }: SaveViewModalProps) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<ViewFormValues>();
  const [error, setError] = useState<string | null>(null);
  const create = useCreateView(workspaceId, appId, formId);
  const chosen = Form.useWatch('kind', form) ?? kind ?? 'grid';
  const choices = fieldChoices(fields);
  const carried = countConditions(grid.filter);

  const submit = async () => {
    const values = await form.validateFields();
    setError(null);
    try {
      const view = await create.mutateAsync(buildNewView({ ...values, kind: kind ?? values.kind }, grid, position));
      message.success(t('records.views.created', { name: view.name }));
      onCreated(view);
      onClose();
    } catch (e) {
      const problems = viewFormProblems(e, t);
      form.setFields(Object.entries(problems.fields).map(([name, errors]) => ({ name: name as keyof ViewFormValues, errors })));
      setError(problems.message);
    }
  };

  return (
    <FormModal<ViewFormValues>
      open={open}
      title={kind ? t('records.views.saveAsTitle') : t('records.views.newTitle')}
      okText={t('common.save')}
      submitting={create.isPending}
      submitTestId="view-submit"
      error={error}
      errorTestId="view-error"
      form={form}
      initialValues={{ name: initialName ?? '', kind: kind ?? 'grid', groupBy: choices.groupable[0]?.value, dateField: choices.dated[0]?.value, cardFields: [], shared: false }}
      onSubmit={submit}
      onClose={onClose}
      afterClose={() => setError(null)}
      submitOnEnter
    >
      <Form.Item name="name" label={t('records.views.form.name')} rules={[{ required: true, whitespace: true, message: t('records.views.form.nameRequired') }, { max: 100 }]}>
        <Input placeholder={t('records.views.form.namePlaceholder')} maxLength={100} data-testid="view-name" autoFocus />
      </Form.Item>
      {!kind && (
        <Form.Item name="kind" label={t('records.views.form.kind')}>
          <KindPicker />
        </Form.Item>
      )}
      <KindFields kind={chosen} choices={choices} />
      {chosen !== 'grid' && carried > 0 && (
        <Typography.Paragraph type="secondary" data-testid="view-filter-carried">
          {t('records.views.form.filterCarried', { count: carried })}
        </Typography.Paragraph>
      )}
      {canShare && (
        <Form.Item name="shared" valuePropName="checked" extra={t('records.views.form.sharedHint')} style={{ marginBottom: 0 }}>
          <Checkbox data-testid="view-shared">{t('records.views.form.shared')}</Checkbox>
        </Form.Item>
      )}
    </FormModal>
  );
}

/**
 * What a board (its group-by field, the cards' fields) or a calendar (its date field, the title)
 * needs, as items of a view form; a grid: nothing. Shared by "new view" and "view settings".
 */
export function KindFields({ kind, choices }: { kind: ViewKind; choices: FieldChoices }) {
  const { t } = useTranslation();
  const { groupable, dated, all } = choices;
  if (kind === 'kanban')
    return (
      <>
        {groupable.length === 0 && <Alert type="warning" showIcon title={t('records.views.form.noSelectField')} style={{ marginBottom: 16 }} data-testid="view-groupby-none" />}
        <Form.Item name="groupBy" label={t('records.views.form.groupBy')} extra={t('records.views.form.groupByHint')} rules={[{ required: true, message: t('records.views.form.groupByRequired') }]}>
          <TestIdSelect testId="view-groupby" options={groupable} disabled={groupable.length === 0} />
        </Form.Item>
        <Form.Item name="cardFields" label={t('records.views.form.cardFields')} extra={t('records.views.form.cardFieldsHint')}>
          <TestIdSelect testId="view-cardfields" mode="multiple" options={all} allowClear showSearch={{ optionFilterProp: 'label' }} />
        </Form.Item>
      </>
    );
  if (kind === 'calendar')
    return (
      <>
        {dated.length === 0 && <Alert type="warning" showIcon title={t('records.views.form.noDateField')} style={{ marginBottom: 16 }} data-testid="view-datefield-none" />}
        <Form.Item name="dateField" label={t('records.views.form.dateField')} rules={[{ required: true, message: t('records.views.form.dateFieldRequired') }]}>
          <TestIdSelect testId="view-datefield" options={dated} disabled={dated.length === 0} />
        </Form.Item>
        <Form.Item name="titleField" label={t('records.views.form.titleField')} extra={t('records.views.form.titleFieldHint')}>
          <TestIdSelect testId="view-titlefield" options={all} allowClear showSearch={{ optionFilterProp: 'label' }} />
        </Form.Item>
      </>
    );
  return null;
}

/** 表格 / 看板 / 日历, as Form.Item hands value and onChange. */
function KindPicker({ value, onChange }: { value?: ViewKind; onChange?: (kind: ViewKind) => void }) {
  const { t } = useTranslation();
  return (
    <div data-testid="view-kind">
      <Radio.Group
        value={value}
        onChange={(e) => onChange?.(e.target.value as ViewKind)}
        optionType="button"
        buttonStyle="solid"
        options={VIEW_KINDS.map((k) => ({
          value: k,
          label: (
            <span data-testid={`view-kind-${k}`}>
              {KIND_ICONS[k]} {t(`records.views.kinds.${k}`)}
            </span>
          ),
        }))}
      />
    </div>
  );
}

/** A select inside a test id (tests find the combobox in it); Form.Item hands value and onChange through. */
function TestIdSelect({ testId, ...props }: SelectProps & { testId: string }) {
  return (
    <div data-testid={testId}>
      <Select {...props} style={{ width: '100%' }} />
    </div>
  );
}
