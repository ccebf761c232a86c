import { useParams } from 'react-router';
import { Forbidden } from '../../components/feedback';
import { FileScopeContext, RecordsPage } from '../records';
import { can, canOpen } from '../workspaces/permissions';
import { useWorkspace } from '../workspaces/WorkspaceGate';

/** The records of a form; what the buttons offer follows the role (the server checks every call anyway). */
export default function FormRecordsPage() {
  const workspace = useWorkspace();
  const { appId = '', formId = '' } = useParams();
  if (!canOpen(workspace, 'apps')) return <Forbidden />;
  return (
    // the grid's images and attachments link to files of this form
    <FileScopeContext.Provider value={{ formId }}>
      <RecordsPage
        workspaceId={workspace.id}
        appId={appId}
        formId={formId}
        canCreate={can(workspace, 'record.create')}
        canEdit={can(workspace, 'record.edit')}
        canDelete={can(workspace, 'record.delete')}
      />
    </FileScopeContext.Provider>
  );
}
