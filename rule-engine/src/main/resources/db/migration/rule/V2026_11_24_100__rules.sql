-- Business rules: a draft that builders edit, immutable published versions that run, and a run log.
create table rule (
    id                uuid primary key,
    workspace_id      uuid not null references workspace (id) on delete cascade,
    app_id            uuid not null references app (id) on delete cascade,
    name              text not null,
    draft             jsonb not null,
    draft_version     int not null,
    published_version int,
    enabled           boolean not null default false,
    -- copied from the published definition so event delivery finds its rules with an index
    trigger_type      text,
    event_type        text,
    priority          int not null default 100,
    created_by        uuid references app_user (id) on delete set null,
    created_at        timestamptz not null,
    updated_by        uuid references app_user (id) on delete set null,
    updated_at        timestamptz not null
);
create unique index rule_name_uq on rule (app_id, lower(name));
create index rule_dispatch_idx on rule (workspace_id, event_type, priority) where enabled;

create table rule_version (
    rule_id      uuid not null references rule (id) on delete cascade,
    version      int not null,
    definition   jsonb not null,
    published_by uuid references app_user (id) on delete set null,
    published_at timestamptz not null,
    primary key (rule_id, version)
);

create table rule_run (
    id               uuid primary key,
    workspace_id     uuid not null references workspace (id) on delete cascade,
    app_id           uuid not null references app (id) on delete cascade,
    rule_id          uuid not null references rule (id) on delete cascade,
    rule_name        text not null,
    rule_version     int not null,
    trigger_type     text not null,
    event_type       text,
    event_id         bigint,
    condition_result boolean,
    outcome          text not null check (outcome in ('skipped', 'succeeded', 'failed')),
    actions          jsonb not null,
    error            text,
    duration_ms      int not null,
    started_at       timestamptz not null
);
create index rule_run_browse_idx on rule_run (app_id, started_at desc, id);
create index rule_run_rule_idx on rule_run (rule_id, started_at desc);
