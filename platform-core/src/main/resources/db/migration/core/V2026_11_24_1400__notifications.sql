-- In-app notices for a person in a workspace (an approval waiting too long, ...). The text is rendered
-- when read, in the reader's language, from a message key and its arguments.
create table notification (
    id           bigserial primary key,
    workspace_id uuid         not null references workspace (id) on delete cascade,
    user_id      uuid         not null references app_user (id) on delete cascade,
    kind         varchar(100) not null,
    args         jsonb        not null default '[]',
    link         varchar(500),
    -- one notice per cause: a retried job does not notify twice
    cause        varchar(300) not null unique,
    created_at   timestamptz  not null,
    read_at      timestamptz
);
create index notification_of_user on notification (user_id, workspace_id, id desc);
create index notification_unread on notification (user_id, workspace_id) where read_at is null;
