-- Imports and exports of records: each one a job with its progress, kept so the user can come back
-- to it (and download the error report or the file) after closing the page.

create table record_import (
    id             uuid primary key,
    workspace_id   uuid         not null references workspace (id) on delete cascade,
    app_id         uuid         not null references app (id) on delete cascade,
    form_id        uuid         not null references form (id) on delete cascade,
    -- the uploaded file, removed once the import has run
    file_id        uuid         references stored_file (id) on delete set null,
    file_name      varchar(255) not null,
    format         varchar(10)  not null,
    encoding       varchar(20),
    -- the file's header row: [{index, name, samples[]}]
    columns        jsonb        not null,
    -- [{column, field}] chosen by the user when starting
    mapping        jsonb,
    skip_bad_rows  boolean      not null default false,
    -- uploaded, queued, running, done, failed
    state          varchar(20)  not null,
    progress       int          not null default 0,
    processed_rows int          not null default 0,
    imported_rows  int          not null default 0,
    error_rows     int          not null default 0,
    failure_code   varchar(80),
    failure_args   jsonb,
    created_by     uuid,
    created_at     timestamptz  not null,
    started_at     timestamptz,
    finished_at    timestamptz
);
create index record_import_form_idx on record_import (form_id, created_at desc);

-- one row per problem in a row of the file; the report is rendered in the reader's language
create table record_import_error (
    id          bigserial primary key,
    import_id   uuid         not null references record_import (id) on delete cascade,
    row_number  int          not null,
    column_name varchar(255),
    field       varchar(100),
    code        varchar(80)  not null,
    args        jsonb        not null default '[]',
    value       text
);
create index record_import_error_import_idx on record_import_error (import_id, row_number, id);

create table record_export (
    id            uuid primary key,
    workspace_id  uuid         not null references workspace (id) on delete cascade,
    app_id        uuid         not null references app (id) on delete cascade,
    form_id       uuid         not null references form (id) on delete cascade,
    format        varchar(10)  not null,
    -- {filter, sort, fields}: the view exported, as the records list takes it
    request       jsonb        not null,
    -- queued, running, done, failed
    state         varchar(20)  not null,
    progress      int          not null default 0,
    exported_rows int          not null default 0,
    total_rows    bigint,
    file_id       uuid         references stored_file (id) on delete set null,
    failure_code  varchar(80),
    created_by    uuid         not null,
    created_at    timestamptz  not null,
    finished_at   timestamptz
);
create index record_export_form_idx on record_export (form_id, created_at desc);
