import { useState } from 'react';
import { Alert, App as AntApp, Button, Divider, Flex, Input, Radio, Select, Space, Typography } from 'antd';
import { CheckOutlined, CloseOutlined, RollbackOutlined, SwapOutlined, UserAddOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../components/errors';
import { tid } from '../../components/testid';
import type { DecisionAction, InstanceDetail } from '../flows/runtimeTypes';
import { useDecide } from '../flows/useRuntime';
import { MemberSelect, RecordsScopeContext } from '../records';

type Choice = 'approve' | 'reject' | 'return' | 'transfer' | 'addSigner';

/** Earlier approval steps an approver may send a request back to. */
export function returnTargets(detail: Pick<InstanceDetail, 'steps' | 'graph'>, currentNode: string): { id: string; name: string }[] {
  const approvals = new Set(detail.graph.nodes.filter((n) => n.type === 'approval').map((n) => n.id));
  const seen = new Map<string, string>();
  for (const s of detail.steps) {
    if (s.state === 'done' && approvals.has(s.nodeId) && s.nodeId !== currentNode && !seen.has(s.nodeId)) {
      seen.set(s.nodeId, s.nodeName || s.nodeId);
    }
  }
  return [...seen].map(([id, name]) => ({ id, name }));
}

/**
 * Deciding one task: approve or reject with a comment, return to an earlier step, transfer to a
 * colleague, or add a signer. The server decides once: a second click, or a colleague faster than
 * you, gets its answer shown here and the inbox refreshed.
 */
export function DecisionPanel({ workspaceId, taskId, nodeId, detail, onDecided }: {
  workspaceId: string;
  taskId: string;
  nodeId: string;
  detail: InstanceDetail | undefined;
  onDecided: (action: DecisionAction) => void;
}) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const decide = useDecide(workspaceId);
  const [comment, setComment] = useState('');
  const [choice, setChoice] = useState<Choice>('approve');
  const [toNode, setToNode] = useState<string | undefined>();
  const [toUser, setToUser] = useState<string | undefined>();
  const [error, setError] = useState<string | null>(null);
  const targets = detail ? returnTargets(detail, nodeId) : [];

  const submit = async (action: DecisionAction) => {
    setError(null);
    try {
      await decide.mutateAsync({
        taskId,
        decision: {
          action,
          ...(comment.trim() ? { comment: comment.trim() } : {}),
          ...(action === 'return' ? { toNode } : {}),
          ...(action === 'transfer' || action === 'addSigner' ? { toUser } : {}),
        },
      });
      message.success(t(`approvals.done.${action}`));
      onDecided(action);
    } catch (e) {
      setError(errorMessage(e, t));
    }
  };

  const needsTarget = (choice === 'return' && !toNode) || ((choice === 'transfer' || choice === 'addSigner') && !toUser);
  return (
    <div data-testid="decision-panel">
      <Input.TextArea value={comment} onChange={(e) => setComment(e.target.value)} maxLength={2000} autoSize={{ minRows: 2, maxRows: 5 }}
        placeholder={t('approvals.commentPlaceholder')} {...tid('decision-comment')} />
      <Flex gap={8} style={{ marginTop: 12 }}>
        <Button type="primary" icon={<CheckOutlined />} loading={decide.isPending && choice === 'approve'}
          onClick={() => { setChoice('approve'); void submit('approve'); }} {...tid('decision-approve')}>
          {t('approvals.approve')}
        </Button>
        <Button danger icon={<CloseOutlined />} loading={decide.isPending && choice === 'reject'}
          onClick={() => { setChoice('reject'); void submit('reject'); }} {...tid('decision-reject')}>
          {t('approvals.reject')}
        </Button>
      </Flex>
      <Divider plain style={{ fontSize: 12 }}>{t('approvals.more')}</Divider>
      <Radio.Group value={choice} onChange={(e) => { setChoice(e.target.value as Choice); setError(null); }} {...tid('decision-more')}>
        <Radio.Button value="return" disabled={!targets.length}><RollbackOutlined /> {t('approvals.return')}</Radio.Button>
        <Radio.Button value="transfer"><SwapOutlined /> {t('approvals.transfer')}</Radio.Button>
        <Radio.Button value="addSigner"><UserAddOutlined /> {t('approvals.addSigner')}</Radio.Button>
      </Radio.Group>
      {(choice === 'return' || choice === 'transfer' || choice === 'addSigner') && (
        <Space.Compact style={{ width: '100%', marginTop: 8 }}>
          {choice === 'return' ? (
            <Select style={{ flex: 1 }} value={toNode} onChange={setToNode} placeholder={t('approvals.returnTo')}
              options={targets.map((x) => ({ value: x.id, label: x.name }))} {...tid('decision-return-to')} />
          ) : (
            <RecordsScopeContext.Provider value={{ workspaceId, appId: detail?.instance.appId ?? '' }}>
              <div style={{ flex: 1 }} data-testid="decision-user">
                <MemberSelect value={toUser} onChange={(v) => setToUser(typeof v === 'string' ? v : undefined)} />
              </div>
            </RecordsScopeContext.Provider>
          )}
          <Button disabled={needsTarget} loading={decide.isPending} onClick={() => void submit(choice)} {...tid('decision-more-ok')}>
            {t(`approvals.${choice}`)}
          </Button>
        </Space.Compact>
      )}
      {!targets.length && choice === 'return' && <Typography.Text type="secondary">{t('approvals.noReturn')}</Typography.Text>}
      {error && <Alert style={{ marginTop: 12 }} type="error" showIcon title={error} data-testid="decision-error" />}
    </div>
  );
}
