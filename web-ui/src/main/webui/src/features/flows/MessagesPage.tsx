import { useState } from 'react';
import { App as AntApp, Button, Card, Empty, Flex, Form, Input, Popconfirm, Table, Tabs, Tag, Typography, type ButtonProps } from 'antd';
import { StopOutlined, UndoOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessage } from '../../components/errors';
import { Forbidden, QueryError } from '../../components/feedback';
import { PageHeader } from '../../components/PageHeader';
import { tid } from '../../components/testid';
import { formatDateTime } from '../../lib/time';
import { can } from '../workspaces/permissions';
import { useWorkspace } from '../workspaces/WorkspaceGate';
import { instancePath } from './paths';
import type { FlowMessage, OptOutEntry } from './runtimeTypes';
import { useMessages, useOptOut, useOptOuts } from './useRuntime';

/**
 * What flows sent to customers, and who unsubscribed (退订): operators look a customer up by phone,
 * see every message and why one was held back, and put someone on or off the opt-out list (a
 * customer who called to unsubscribe). Roles with message.read read both; app managers change the list.
 */
export default function MessagesPage() {
  const { t } = useTranslation();
  const workspace = useWorkspace();
  const [tab, setTab] = useState('log');
  // recipients and bodies carry customers' data beyond any form's permissions: message.read, as the server decides
  if (!can(workspace, 'message.read')) return <Forbidden />;
  return (
    <>
      <PageHeader title={t('flows.messages.title')} subtitle={t('flows.messages.subtitle')} />
      <Card>
        <Tabs activeKey={tab} onChange={setTab} items={[
          { key: 'log', label: <span data-testid="messages-tab-log">{t('flows.messages.log')}</span>, children: <MessageLog workspaceId={workspace.id} /> },
          {
            key: 'opt-outs',
            label: <span data-testid="messages-tab-opt-outs">{t('flows.messages.optOuts')}</span>,
            children: <OptOuts workspaceId={workspace.id} canChange={can(workspace, 'app.manage')} />,
          },
        ]} />
      </Card>
    </>
  );
}

function MessageLog({ workspaceId }: { workspaceId: string }) {
  const { t } = useTranslation();
  const [recipient, setRecipient] = useState('');
  const messages = useMessages(workspaceId, recipient);
  return (
    <>
      <Input.Search allowClear placeholder={t('flows.messages.searchRecipient')} onSearch={(v) => setRecipient(v.trim())}
        style={{ maxWidth: 320, marginBottom: 16 }} data-testid="messages-search" />
      {messages.error ? (
        <QueryError error={messages.error} onRetry={() => void messages.refetch()} />
      ) : (
        <Table<FlowMessage> rowKey="id" size="small" loading={messages.isLoading} dataSource={messages.data ?? []}
          pagination={{ pageSize: 20 }} locale={{ emptyText: <Empty description={t('flows.messages.none')} /> }} {...tid('messages-table')}
          columns={[
            { title: t('flows.run.at'), render: (_, m) => formatDateTime(m.createdAt), width: 170 },
            { title: t('flows.run.recipient'), dataIndex: 'recipient', width: 140 },
            { title: t('flows.run.template'), dataIndex: 'template', width: 120 },
            { title: t('flows.run.body'), render: (_, m) => m.body ?? '' },
            {
              title: t('flows.messages.kind'), width: 90,
              render: (_, m) => <Tag color={m.marketing ? 'purple' : 'blue'}>{t(m.marketing ? 'flows.messages.marketing' : 'flows.messages.service')}</Tag>,
            },
            {
              title: t('flows.run.state'), width: 130,
              render: (_, m) => <Tag color={m.state === 'queued' ? 'green' : 'orange'} data-testid="message-state">{t(`flows.run.messageStates.${m.state}`)}</Tag>,
            },
            {
              title: '', width: 100,
              render: (_, m) => (m.instanceId ? <Link to={instancePath(workspaceId, m.instanceId)}>{t('flows.messages.instance')}</Link> : null),
            },
          ]} />
      )}
    </>
  );
}

function OptOuts({ workspaceId, canChange }: { workspaceId: string; canChange: boolean }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [search, setSearch] = useState('');
  const [adding, setAdding] = useState('');
  const optOuts = useOptOuts(workspaceId, search);
  const change = useOptOut(workspaceId);
  const submit = async (recipient: string, out: boolean) => {
    try {
      await change.mutateAsync({ recipient, out });
      message.success(t(out ? 'flows.messages.optedOut' : 'flows.messages.optedIn', { recipient }));
      if (out) setAdding('');
    } catch (e) {
      message.error(errorMessage(e, t));
    }
  };
  return (
    <>
      <Flex gap={16} wrap style={{ marginBottom: 16 }}>
        <Input.Search allowClear placeholder={t('flows.messages.searchRecipient')} onSearch={(v) => setSearch(v.trim())}
          style={{ maxWidth: 320 }} data-testid="opt-outs-search" />
        {canChange && (
          <Form layout="inline" onFinish={() => void submit(adding.trim(), true)}>
            <Form.Item>
              <Input value={adding} onChange={(e) => setAdding(e.target.value)} maxLength={200} placeholder={t('flows.messages.addPlaceholder')}
                data-testid="opt-out-recipient" />
            </Form.Item>
            <Button htmlType="submit" icon={<StopOutlined />} disabled={!adding.trim()} loading={change.isPending} data-testid="opt-out-add">
              {t('flows.messages.add')}
            </Button>
          </Form>
        )}
      </Flex>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t('flows.messages.optOutsHelp')}</Typography.Paragraph>
      {optOuts.error ? (
        <QueryError error={optOuts.error} onRetry={() => void optOuts.refetch()} />
      ) : (
        <Table<OptOutEntry> rowKey="recipient" size="small" loading={optOuts.isLoading} dataSource={optOuts.data ?? []}
          pagination={{ pageSize: 20 }} locale={{ emptyText: <Empty description={t('flows.messages.noOptOuts')} /> }} {...tid('opt-outs-table')}
          columns={[
            { title: t('flows.run.recipient'), dataIndex: 'recipient' },
            { title: t('flows.messages.since'), render: (_, o) => formatDateTime(o.at) },
            {
              title: '', width: 140,
              render: (_, o) => canChange && (
                <Popconfirm title={t('flows.messages.optInConfirm', { recipient: o.recipient })} onConfirm={() => submit(o.recipient, false)}
                  okButtonProps={tid<ButtonProps>('opt-in-ok')}>
                  <Button size="small" icon={<UndoOutlined />} data-testid="opt-in">{t('flows.messages.optIn')}</Button>
                </Popconfirm>
              ),
            },
          ]} />
      )}
    </>
  );
}
