-- Versions are global across the module folders: a new migration takes a version above every one already released.
-- Journey goals ("ordered again") and exits. An instance of a journey with a goal records what reaching
-- it means for this customer (the awaited event key and customer, like an event wait's) and until when
-- it counts; the conversion report counts instances by version and A/B variant with goal_reached_at set.
alter table flow_instance
    add column goal_key        varchar(200),
    add column goal_customer   varchar(200),
    add column goal_until      timestamptz,
    add column goal_reached_at timestamptz,
    -- why a running instance left before an end node: 'goal' or 'condition' (exitWhen)
    add column exit_reason     varchar(20) check (exit_reason in ('goal', 'condition'));
create index flow_instance_goal on flow_instance (goal_key, goal_customer)
    where goal_key is not null and goal_reached_at is null;
