import { useState } from 'react';
import { Alert, App as AntApp, Form, Modal, Typography, type ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../components/errors';
import { tid } from '../../components/testid';
import { RecordsScopeContext, RelationSelect } from '../records';
import { instancePath } from './paths';
import { useStartFlow } from './useRuntime';

/**
 * Starts a flow by hand ("submit for approval"): about a record of the trigger's form when it names
 * one, picked by its name. One request key per opened dialog, so a double click starts it once.
 */
export function StartFlowModal({ workspaceId, appId, flowId, flowName, formKey, recordId: givenRecord, onClose }: {
  workspaceId: string;
  appId: string;
  flowId: string;
  flowName: string;
  formKey: string | null;
  /** started from a record: about that one, nothing to pick */
  recordId?: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const navigate = useNavigate();
  const start = useStartFlow(workspaceId, appId, flowId);
  const [requestKey] = useState(() => crypto.randomUUID());
  const [recordId, setRecordId] = useState<string | undefined>(givenRecord);
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    if (formKey && !recordId) {
      setError(t('flows.run.start.pickRecord'));
      return;
    }
    try {
      const instance = await start.mutateAsync({ recordId: recordId ?? null, requestKey });
      message.success(t('flows.run.start.started', { name: flowName }));
      onClose();
      navigate(instancePath(workspaceId, instance.id));
    } catch (e) {
      setError(errorMessage(e, t));
    }
  };

  return (
    <Modal open title={t('flows.run.start.title', { name: flowName })} onCancel={onClose} onOk={() => void submit()}
      okText={t('flows.run.start.ok')} confirmLoading={start.isPending} okButtonProps={tid<ButtonProps>('start-flow-ok')} destroyOnHidden>
      {givenRecord ? (
        <Typography.Paragraph type="secondary">{t('flows.run.start.thisRecord')}</Typography.Paragraph>
      ) : formKey ? (
        <Form layout="vertical">
          <Form.Item label={t('flows.run.start.record')} required help={t('flows.run.start.recordHelp')}>
            <RecordsScopeContext.Provider value={{ workspaceId, appId }}>
              <div data-testid="start-flow-record">
                <RelationSelect field={{ key: 'record', label: '', type: 'relation', options: { form: formKey } }}
                  value={recordId} onChange={(v) => { setRecordId(typeof v === 'string' ? v : undefined); setError(null); }} />
              </div>
            </RecordsScopeContext.Provider>
          </Form.Item>
        </Form>
      ) : (
        <Typography.Paragraph type="secondary">{t('flows.run.start.noRecord')}</Typography.Paragraph>
      )}
      {error && <Alert type="error" showIcon title={error} data-testid="start-flow-error" />}
    </Modal>
  );
}
