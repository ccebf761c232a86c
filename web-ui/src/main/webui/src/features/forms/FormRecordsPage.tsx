import { useParams, useSearchParams } from 'react-router';
import { Forbidden } from '../../components/feedback';
import { FileScopeContext, RecordActionsContext, RecordsPage, type RecordActions } from '../records';
import { StartFlowButton } from '../flows/StartFlowButton';
import { can, canOpen } from '../workspaces/permissions';
import { useWorkspace } from '../workspaces/WorkspaceGate';

/** The records of a form; what the buttons offer follows the role (the server checks every call anyway). */
export default function FormRecordsPage() {
  const workspace = useWorkspace();
  const { appId = '', formId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  // an open record offers the flows started by hand about it ("submit for approval")
  const startFlow: RecordActions = ({ formKey, recordId }) => (
    <StartFlowButton workspaceId={workspace.id} appId={appId} formKey={formKey} recordId={recordId} />
  );
  if (!canOpen(workspace, 'apps')) return <Forbidden />;
  // the view shown is in the URL (?view=): it survives a reload and can be sent as a link
  const chooseView = (id: string | null) => {
    const next = new URLSearchParams(params);
    if (id) next.set('view', id);
    else next.delete('view');
    setParams(next);
  };
  return (
    // the grid's images and attachments link to files of this form
    <FileScopeContext.Provider value={{ formId }}>
      <RecordActionsContext.Provider value={startFlow}>
        <RecordsPage
          workspaceId={workspace.id}
          appId={appId}
          formId={formId}
          canCreate={can(workspace, 'record.create')}
          canEdit={can(workspace, 'record.edit')}
          canDelete={can(workspace, 'record.delete')}
          canShareViews={can(workspace, 'app.manage')}
          viewId={params.get('view')}
          onViewChange={chooseView}
        />
      </RecordActionsContext.Provider>
    </FileScopeContext.Provider>
  );
}
