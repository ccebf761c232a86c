import type { ReactNode } from 'react';
import { Alert, Form, Modal, type ButtonProps, type FormInstance, type FormProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { tid } from './testid';

interface FormModalProps<T> {
  open: boolean;
  title: ReactNode;
  okText: ReactNode;
  /** The save is running: spins the OK button. */
  submitting: boolean;
  /** `data-testid` of the OK button. */
  submitTestId: string;
  /** Shown in an error alert above the form. */
  error: string | null;
  errorTestId?: string;
  form: FormInstance<T>;
  initialValues?: FormProps<T>['initialValues'];
  /** Validates and saves; a rejection (invalid fields) is swallowed, the form already shows it. */
  onSubmit: () => Promise<unknown>;
  onClose: () => void;
  /** After the closing animation, once the fields are reset (e.g. to clear `error`). */
  afterClose?: () => void;
  /** Enter in a field submits the form. */
  submitOnEnter?: boolean;
  /** Keep the form mounted while closed (for forms filled with setFieldsValue), instead of destroying it. */
  keepMounted?: boolean;
  width?: number;
  autoComplete?: string;
  /** Rendered below the form. */
  extra?: ReactNode;
  children: ReactNode;
}

/** A modal around a vertical form: OK submits, an error alert on top, the fields reset after closing. */
export function FormModal<T extends object>({
  open,
  title,
  okText,
  submitting,
  submitTestId,
  error,
  errorTestId,
  form,
  initialValues,
  onSubmit,
  onClose,
  afterClose,
  submitOnEnter = false,
  keepMounted = false,
  width,
  autoComplete,
  extra,
  children,
}: FormModalProps<T>) {
  const { t } = useTranslation();
  // antd rejects a validation that a re-render overtook ("outOfDate") without showing anything, which
  // looks like a click that did nothing: such a submit is tried once more
  const submit = () => void onSubmit().catch((e: unknown) => (outOfDate(e) ? onSubmit().catch(() => undefined) : undefined));

  return (
    <Modal
      open={open}
      width={width}
      title={title}
      okText={okText}
      cancelText={t('common.cancel')}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={submitting}
      okButtonProps={tid<ButtonProps>(submitTestId)}
      forceRender={keepMounted}
      destroyOnHidden={!keepMounted}
      afterClose={() => {
        // nothing typed (an initial password, say) survives into the next opening
        form.resetFields();
        afterClose?.();
      }}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid={errorTestId} />}
      <Form<T>
        form={form}
        layout="vertical"
        requiredMark={false}
        autoComplete={autoComplete}
        initialValues={initialValues}
        onFinish={submitOnEnter ? submit : undefined}
      >
        {children}
      </Form>
      {extra}
    </Modal>
  );
}

function outOfDate(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { outOfDate?: unknown }).outOfDate === true;
}
