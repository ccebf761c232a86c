import { useState } from 'react';
import { Button, Dropdown } from 'antd';
import { DownOutlined, SendOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { StartFlowModal } from './StartFlowModal';
import { useStartableFlows } from './useFlows';

/**
 * "Submit for approval" on an open record: the app's published flows started by hand about a record
 * of this form. Nothing when there is none; one flow is a button, several a menu.
 */
export function StartFlowButton({ workspaceId, appId, formKey, recordId }: { workspaceId: string; appId: string; formKey: string; recordId: string }) {
  const { t } = useTranslation();
  const flows = useStartableFlows(workspaceId, appId, formKey);
  const [chosen, setChosen] = useState<{ id: string; name: string } | null>(null);
  const list = flows.data ?? [];
  if (list.length === 0) return null;
  const button =
    list.length === 1 ? (
      <Button icon={<SendOutlined />} onClick={() => setChosen(list[0])} data-testid="record-start-flow">
        {t('flows.run.start.fromRecord', { name: list[0].name })}
      </Button>
    ) : (
      <Dropdown trigger={['click']} menu={{
        items: list.map((f) => ({ key: f.id, label: <span data-testid="record-start-flow-option">{f.name}</span> })),
        onClick: ({ key }) => setChosen(list.find((f) => f.id === key) ?? null),
      }}>
        <Button icon={<SendOutlined />} data-testid="record-start-flow">
          {t('flows.run.start.button')} <DownOutlined />
        </Button>
      </Dropdown>
    );
  return (
    <>
      {button}
      {chosen && (
        <StartFlowModal workspaceId={workspaceId} appId={appId} flowId={chosen.id} flowName={chosen.name} formKey={formKey} recordId={recordId}
          onClose={() => setChosen(null)} />
      )}
    </>
  );
}
