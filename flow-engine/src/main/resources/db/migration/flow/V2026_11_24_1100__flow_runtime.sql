-- Versions are global across the module folders: a new migration takes a version above every one already released.
-- Running flows. An instance runs one published version; its steps are the tokens of the graph: each
-- is written before it acts (state 'active') and is acted on by a "flow.step" job that commits with
-- it, so a crash replays a step rather than losing or repeating it.
create table flow_instance (
    id             uuid primary key,
    workspace_id   uuid         not null references workspace (id) on delete cascade,
    app_id         uuid         not null references app (id) on delete cascade,
    flow_id        uuid         not null references flow (id) on delete cascade,
    version        integer      not null,
    kind           varchar(20)  not null,
    state          varchar(20)  not null check (state in ('running', 'completed', 'rejected', 'cancelled', 'failed')),
    -- what started it: "event:<id>" for a trigger, "manual:<uuid>" for a start; one instance per cause
    start_key      varchar(200) not null,
    subject_form   varchar(64),
    subject_record uuid,
    -- the customer the journey is about (capping, sticky A/B, waits for "this customer ordered again")
    customer_key   varchar(200),
    variables      jsonb        not null default '{}',
    variants       jsonb        not null default '{}',
    error          varchar(2000),
    started_by     uuid,
    started_at     timestamptz  not null,
    ended_at       timestamptz,
    end_node       varchar(64),
    unique (flow_id, start_key)
);
create index flow_instance_list on flow_instance (workspace_id, flow_id, started_at desc);
create index flow_instance_running on flow_instance (workspace_id, state) where state = 'running';
create index flow_instance_subject on flow_instance (workspace_id, subject_record);

create table flow_step (
    id          bigserial primary key,
    instance_id uuid         not null references flow_instance (id) on delete cascade,
    node_id     varchar(64)  not null,
    -- the how-many-th time the instance reaches this node (a loop comes back): part of idempotency keys
    visit       integer      not null,
    state       varchar(20)  not null check (state in ('active', 'waiting', 'arrived', 'done', 'cancelled', 'failed')),
    -- the node this token came from (a join counts arrivals by it)
    came_from   varchar(64),
    due_at      timestamptz,
    -- a wait for an event: "<event type>|<form>|<field of the event's record>" and the value it must hold
    awaits      varchar(200),
    awaits_value varchar(200),
    outcome     varchar(64),
    detail      jsonb,
    entered_at  timestamptz  not null,
    left_at     timestamptz
);
create index flow_step_instance on flow_step (instance_id, id);
create index flow_step_awaiting on flow_step (awaits, awaits_value) where state = 'waiting' and awaits is not null;

-- Approval tasks: one per assignee of an approval step. Sequential steps queue theirs.
create table flow_task (
    id           uuid primary key,
    workspace_id uuid         not null references workspace (id) on delete cascade,
    instance_id  uuid         not null references flow_instance (id) on delete cascade,
    step_id      bigint       not null references flow_step (id) on delete cascade,
    node_id      varchar(64)  not null,
    assignee     uuid         not null references app_user (id) on delete cascade,
    position     integer      not null,
    state        varchar(20)  not null check (state in ('pending', 'queued', 'approved', 'rejected', 'returned',
                                                          'transferred', 'cancelled')),
    decision_comment varchar(2000),
    transferred_to uuid,
    created_at   timestamptz  not null,
    decided_at   timestamptz
);
create index flow_task_inbox on flow_task (assignee, state, created_at desc);
create index flow_task_step on flow_task (step_id);

-- People copied on an instance (CC'd): they see it in their inbox without deciding.
create table flow_cc (
    instance_id uuid not null references flow_instance (id) on delete cascade,
    user_id     uuid not null references app_user (id) on delete cascade,
    node_id     varchar(64) not null,
    created_at  timestamptz not null,
    primary key (instance_id, user_id, node_id)
);
create index flow_cc_user on flow_cc (user_id, created_at desc);

-- Messages sent by flows: one row per idempotency key (instance + node + visit), whatever the retries.
create table flow_message (
    id              bigserial primary key,
    workspace_id    uuid         not null references workspace (id) on delete cascade,
    idempotency_key varchar(300) not null unique,
    instance_id     uuid references flow_instance (id) on delete set null,
    channel         varchar(40)  not null,
    recipient       varchar(200) not null,
    template        varchar(100) not null,
    body            varchar(2000),
    marketing       boolean      not null,
    state           varchar(20)  not null check (state in ('queued', 'opted-out', 'capped', 'no-recipient')),
    created_at      timestamptz  not null,
    sent_at         timestamptz
);
create index flow_message_recipient on flow_message (workspace_id, recipient, created_at desc);
create index flow_message_instance on flow_message (instance_id);

-- Customers who said 退订 (unsubscribe): no marketing message reaches them, whichever flow sends it.
create table message_opt_out (
    workspace_id uuid         not null references workspace (id) on delete cascade,
    recipient    varchar(200) not null,
    created_at   timestamptz  not null,
    primary key (workspace_id, recipient)
);
