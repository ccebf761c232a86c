-- platform-core: tenants, people, permissions, audit, outbox, jobs, action executions.
create table workspace (
    id          uuid primary key,
    name        varchar(100) not null,
    time_zone   varchar(64)  not null default 'Asia/Shanghai',
    created_at  timestamptz  not null,
    updated_at  timestamptz  not null
);

create table app_user (
    id                   uuid primary key,
    username             varchar(64)  not null,
    display_name         varchar(100) not null,
    password_hash        varchar(100) not null,
    platform_admin       boolean      not null default false,
    must_change_password boolean      not null default false,
    disabled             boolean      not null default false,
    created_at           timestamptz  not null,
    updated_at           timestamptz  not null
);
create unique index app_user_username_uq on app_user (lower(username));

create table role (
    id           uuid primary key,
    workspace_id uuid         not null references workspace (id) on delete cascade,
    builtin_key  varchar(40),
    name         varchar(60)  not null,
    description  varchar(300),
    permissions  jsonb        not null default '[]',
    created_at   timestamptz  not null,
    updated_at   timestamptz  not null
);
create unique index role_name_uq on role (workspace_id, lower(name));

create table membership (
    id           uuid primary key,
    workspace_id uuid        not null references workspace (id) on delete cascade,
    user_id      uuid        not null references app_user (id) on delete cascade,
    role_id      uuid        not null references role (id),
    created_at   timestamptz not null,
    unique (workspace_id, user_id)
);
create index membership_user on membership (user_id);

create table app (
    id           uuid primary key,
    workspace_id uuid         not null references workspace (id) on delete cascade,
    name         varchar(100) not null,
    description  varchar(500),
    created_by   uuid,
    created_at   timestamptz  not null,
    updated_at   timestamptz  not null
);
create unique index app_name_uq on app (workspace_id, lower(name));

create table user_session (
    token_hash   varchar(64) primary key,
    user_id      uuid        not null references app_user (id) on delete cascade,
    created_at   timestamptz not null,
    last_seen_at timestamptz not null,
    expires_at   timestamptz not null
);
create index user_session_user on user_session (user_id);

create table audit_log (
    id           bigserial primary key,
    at           timestamptz  not null,
    workspace_id uuid,
    actor_id     uuid,
    actor_name   varchar(64),
    type         varchar(60)  not null,
    detail       jsonb        not null default '{}',
    ip           varchar(64)
);
create index audit_log_workspace on audit_log (workspace_id, at desc);
create index audit_log_at on audit_log (at desc);
create index audit_log_failed_login on audit_log ((lower(detail ->> 'username')), at) where type = 'login.failed';
create index audit_log_last_login on audit_log (actor_id, at) where type = 'login.succeeded';

-- Transactional outbox: written in the transaction of the change, dispatched afterwards.
create table outbox (
    id            bigserial primary key,
    workspace_id  uuid,
    type          varchar(100) not null,
    aggregate_id  varchar(100),
    payload       jsonb        not null,
    created_at    timestamptz  not null,
    dispatched_at timestamptz
);
create index outbox_pending on outbox (id) where dispatched_at is null;

-- What each subscriber has handled, so a redelivered event changes nothing.
create table handled_event (
    subscriber varchar(100) not null,
    event_id   bigint       not null,
    handled_at timestamptz  not null,
    primary key (subscriber, event_id)
);

-- Durable job queue, claimed with FOR UPDATE SKIP LOCKED. Finished jobs are deleted.
create table job (
    id           bigserial primary key,
    type         varchar(100) not null,
    payload      jsonb        not null default '{}',
    workspace_id uuid,
    dedupe_key   varchar(200) unique,
    state        varchar(10)  not null check (state in ('READY', 'RUNNING', 'DEAD')),
    run_at       timestamptz  not null,
    attempts     int          not null default 0,
    max_attempts int          not null default 8,
    locked_by    varchar(100),
    locked_until timestamptz,
    last_error   text,
    created_at   timestamptz  not null,
    updated_at   timestamptz  not null
);
create index job_due on job (run_at) where state = 'READY';
create index job_lease on job (locked_until) where state = 'RUNNING';
create index job_dead on job (updated_at desc) where state = 'DEAD';

-- Results of actions executed under an idempotency key: a retry returns the first result.
create table action_execution (
    idempotency_key varchar(200) primary key,
    action          varchar(100) not null,
    result          jsonb        not null,
    executed_at     timestamptz  not null
);
