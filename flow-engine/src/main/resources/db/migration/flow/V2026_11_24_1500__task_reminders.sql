-- When an approver was reminded of a task waiting too long (the node's remindAfter): shown in their inbox.
alter table flow_task add column reminded_at timestamptz;
