import { useState } from 'react';
import { Badge, Button, Empty, Flex, List, Popover, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { formatDateTime } from '../../lib/time';
import { notificationKeys, notificationsApi, type Notice } from './api';

/** New notices arrive without a reload: the bell looks again this often (and when the window regains focus). */
export const NOTICE_REFRESH_MS = 30_000;

/** The bell in the header: the member's notices in this workspace, unread counted, opened where they lead. */
export function NotificationBell({ workspaceId }: { workspaceId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const notices = useQuery({
    queryKey: notificationKeys.mine(workspaceId),
    queryFn: () => notificationsApi.mine(workspaceId),
    refetchInterval: NOTICE_REFRESH_MS,
  });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: notificationKeys.mine(workspaceId) });
  const read = useMutation({ mutationFn: (id: number) => notificationsApi.read(workspaceId, id), onSuccess: refresh });
  const readAll = useMutation({ mutationFn: () => notificationsApi.readAll(workspaceId), onSuccess: refresh });
  const unread = notices.data?.unread ?? 0;

  const openNotice = (notice: Notice) => {
    if (!notice.readAt) read.mutate(notice.id);
    setOpen(false);
    if (notice.link) navigate(notice.link);
  };

  const content = (
    <div style={{ width: 340, maxHeight: 420, overflowY: 'auto' }} data-testid="notifications-list">
      {(notices.data?.items.length ?? 0) === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notifications.empty')} />
      ) : (
        <List
          size="small"
          dataSource={notices.data?.items ?? []}
          renderItem={(n) => (
            <List.Item onClick={() => openNotice(n)} style={{ cursor: 'pointer', opacity: n.readAt ? 0.6 : 1 }}
              data-testid="notification" data-read={n.readAt ? 'true' : 'false'}>
              <Flex vertical gap={2} style={{ width: '100%' }}>
                <Flex justify="space-between" gap={8}>
                  <Typography.Text strong={!n.readAt}>{n.title}</Typography.Text>
                  {!n.readAt && <Badge status="processing" />}
                </Flex>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{n.body}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 11 }}>{formatDateTime(n.createdAt)}</Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
      )}
    </div>
  );

  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      trigger="click"
      placement="bottomRight"
      title={
        <Flex justify="space-between" align="center">
          <span>{t('notifications.title')}</span>
          {unread > 0 && (
            <Button type="link" size="small" onClick={() => readAll.mutate()} loading={readAll.isPending} data-testid="notifications-read-all">
              {t('notifications.readAll')}
            </Button>
          )}
        </Flex>
      }
      content={content}
    >
      <Button type="text" aria-label={t('notifications.title')} data-testid="notifications-bell" data-unread={unread}
        icon={<Badge count={unread} size="small" offset={[2, -2]}><BellOutlined style={{ fontSize: 16 }} /></Badge>} />
    </Popover>
  );
}
