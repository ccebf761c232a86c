-- form-engine: forms and their published versions, records in JSONB, field-level history,
-- unique values, serial-number counters, idempotent creates and per-role form permissions.

create table form (
    id                uuid primary key,
    workspace_id      uuid        not null references workspace (id) on delete cascade,
    app_id            uuid        not null references app (id) on delete cascade,
    key               varchar(64) not null,
    name              varchar(100) not null,
    draft             jsonb       not null,
    draft_version     int         not null,
    published_version int,
    -- the draft version that was published last: the draft has changed since when they differ
    published_draft_version int,
    created_by        uuid,
    created_at        timestamptz not null,
    updated_by        uuid,
    updated_at        timestamptz not null
);
create unique index form_app_key_uq on form (app_id, key);
create index form_workspace_idx on form (workspace_id);

-- immutable: a published schema never changes; records point at the version they were written with
create table form_version (
    form_id      uuid        not null references form (id) on delete cascade,
    version      int         not null,
    schema       jsonb       not null,
    published_by uuid,
    published_at timestamptz not null,
    primary key (form_id, version)
);

create table record (
    id           uuid primary key,
    workspace_id uuid        not null references workspace (id) on delete cascade,
    form_id      uuid        not null references form (id) on delete cascade,
    form_version int         not null,
    data         jsonb       not null,
    version      bigint      not null,
    created_by   uuid,
    created_at   timestamptz not null,
    updated_by   uuid,
    updated_at   timestamptz not null,
    deleted_at   timestamptz
);
-- the default list order (newest first) and its keyset cursor
create index record_form_created_idx on record (form_id, created_at desc, id desc) where deleted_at is null;
create index record_data_gin on record using gin (data jsonb_path_ops);

-- who changed what, when: one row per write, with the field-level diff
create table record_history (
    id           bigserial primary key,
    record_id    uuid        not null references record (id) on delete cascade,
    workspace_id uuid        not null,
    version      bigint      not null,
    kind         varchar(20) not null,
    changes      jsonb       not null,
    changed_by   uuid,
    changed_at   timestamptz not null
);
create index record_history_record_idx on record_history (record_id, id desc);

-- unique fields: the primary key makes the database refuse a duplicate, whatever the concurrency
create table record_unique_value (
    form_id   uuid        not null references form (id) on delete cascade,
    field     varchar(64) not null,
    value     text        not null,
    record_id uuid        not null references record (id) on delete cascade,
    primary key (form_id, field, value)
);
create index record_unique_value_record_idx on record_unique_value (record_id);

-- serial numbers: a counter row per form, field and period, incremented in the record's transaction,
-- so a rolled-back create gives its number back (gap-free)
create table form_serial (
    form_id    uuid        not null references form (id) on delete cascade,
    field      varchar(64) not null,
    period     varchar(20) not null,
    last_value bigint      not null,
    primary key (form_id, field, period)
);

-- Idempotency-Key on create: a retried request answers the record the first one created
create table record_idempotency (
    form_id    uuid         not null references form (id) on delete cascade,
    key        varchar(200) not null,
    record_id  uuid         not null,
    created_at timestamptz  not null,
    primary key (form_id, key)
);

-- what a role may do with a form's records, beyond its workspace permissions; no row: the defaults
create table form_permission (
    form_id       uuid        not null references form (id) on delete cascade,
    role_id       uuid        not null references role (id) on delete cascade,
    can_view      boolean     not null,
    can_create    boolean     not null,
    can_edit      boolean     not null,
    can_delete    boolean     not null,
    row_filter    jsonb,
    hidden_fields jsonb       not null default '[]',
    updated_at    timestamptz not null,
    primary key (form_id, role_id)
);
