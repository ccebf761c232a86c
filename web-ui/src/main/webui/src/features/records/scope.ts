import { createContext, useContext } from 'react';

/** The workspace and app of the page: the inputs of member and relation fields fetch within them. */
export interface RecordsScope {
  workspaceId: string;
  appId: string;
}

export const RecordsScopeContext = createContext<RecordsScope>({ workspaceId: '', appId: '' });

export function useRecordsScope(): RecordsScope {
  return useContext(RecordsScopeContext);
}
