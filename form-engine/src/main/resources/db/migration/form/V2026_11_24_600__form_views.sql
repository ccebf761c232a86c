-- saved views of a form's records: a grid (columns, widths, filter, sort), a kanban board by a
-- single-select field, a calendar by a date field. Shared views (owner null) are the app's, made by
-- those who manage it; personal ones are their owner's alone.
create table form_view (
    id           uuid primary key,
    workspace_id uuid         not null references workspace (id) on delete cascade,
    form_id      uuid         not null references form (id) on delete cascade,
    owner_id     uuid         references app_user (id) on delete cascade,
    name         varchar(100) not null,
    kind         varchar(20)  not null,
    config       jsonb        not null,
    position     int          not null default 0,
    version      int          not null,
    created_by   uuid,
    created_at   timestamptz  not null,
    updated_at   timestamptz  not null
);
create index form_view_form_idx on form_view (form_id, position, created_at);
