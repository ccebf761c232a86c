-- Versions are global across the module folders: a new migration takes a version above every one already released.
-- Ending an instance cancels its open tasks by instance: without this index that is a scan of every task.
create index flow_task_instance on flow_task (instance_id);
