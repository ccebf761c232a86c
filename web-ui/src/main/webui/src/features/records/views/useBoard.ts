import { useState } from 'react';
import { App as AntApp } from 'antd';
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { recordKeys, recordsApi, type RecordListQuery } from '../api';
import { useUpdateRecord } from '../useRecords';
import type { FormRecord, RecordPage } from '../types';
import type { CardMove } from './kanban';
import { problemText } from './viewForm';

/**
 * A board column's records, page after page ("加载更多"). Under the form's lists: a write anywhere
 * (the drawer, a move) reads the columns again.
 */
export function useColumnRecords(ws: string, app: string, formId: string, q: RecordListQuery) {
  return useInfiniteQuery({
    queryKey: [...recordKeys.lists(ws, app, formId), 'pages', q] as const,
    queryFn: ({ pageParam, signal }) => recordsApi.list(ws, app, formId, { ...q, cursor: pageParam }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last: RecordPage) => last.nextCursor ?? undefined,
  });
}

/**
 * Cards dropped on another column: shown there at once, the record's group field PATCHed with the
 * version the card was read at. Refused (someone changed it, a rule, no right), the card goes back
 * and the server's reason is shown.
 */
export function useCardMoves(ws: string, app: string, formId: string, groupBy: string) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const update = useUpdateRecord(ws, app, formId);
  const [moves, setMoves] = useState<ReadonlyMap<string, CardMove>>(new Map());

  // only this move's entry: a second drag of the same card may have replaced it meanwhile
  const settle = (id: string, move: CardMove) =>
    setMoves((m) => {
      if (m.get(id) !== move) return m;
      const next = new Map(m);
      next.delete(id);
      return next;
    });

  const move = async (record: FormRecord, to: string | null) => {
    const moved: CardMove = { record: { ...record, data: { ...record.data, [groupBy]: to } }, to };
    setMoves((m) => new Map(m).set(record.id, moved));
    try {
      // resolves once the columns are read again (the mutation awaits that): the card stays put meanwhile
      await update.mutateAsync({ id: record.id, changes: { [groupBy]: to }, version: record.version });
    } catch (e) {
      message.error(t('records.views.kanban.moveFailed', { detail: problemText(e, t) }));
      // a 412: the board shows an old version of the record; read it again
      void queryClient.invalidateQueries({ queryKey: recordKeys.lists(ws, app, formId) });
    } finally {
      settle(record.id, moved);
    }
  };

  return { moves, move };
}
