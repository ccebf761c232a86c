import { http } from '../../api/client';

/** A notice as its reader sees it (title and body already in their language). */
export interface Notice {
  id: number;
  kind: string;
  title: string;
  body: string;
  /** where it leads in the app, e.g. the inbox with the task open */
  link?: string | null;
  createdAt: string;
  readAt?: string | null;
}

export interface NoticeInbox {
  unread: number;
  items: Notice[];
}

const base = (workspaceId: string) => `/workspaces/${encodeURIComponent(workspaceId)}/notifications`;

export const notificationsApi = {
  mine: (workspaceId: string) => http.get<NoticeInbox>(base(workspaceId)),
  read: (workspaceId: string, id: number) => http.post<void>(`${base(workspaceId)}/${id}/read`),
  readAll: (workspaceId: string) => http.post<void>(`${base(workspaceId)}/read`),
};

export const notificationKeys = {
  mine: (workspaceId: string) => ['notifications', workspaceId] as const,
};
