-- Versions are global across the module folders: a new migration takes a version above every one already released.
-- Flows of an app: the draft the designer edits, and the published versions, which never change
-- (running instances keep the version they started with).
create table flow (
    id                uuid primary key,
    workspace_id      uuid         not null references workspace (id) on delete cascade,
    app_id            uuid         not null references app (id) on delete cascade,
    kind              varchar(20)  not null check (kind in ('approval', 'journey')),
    name              varchar(100) not null,
    description       varchar(500),
    draft             jsonb        not null,
    draft_version     integer      not null,
    published_version integer,
    published_draft_version integer,
    created_by        uuid,
    created_at        timestamptz  not null,
    updated_at        timestamptz  not null
);
create unique index flow_name_uq on flow (app_id, lower(name));
create index flow_workspace on flow (workspace_id, app_id);

create table flow_version (
    flow_id      uuid        not null references flow (id) on delete cascade,
    version      integer     not null,
    graph        jsonb       not null,
    published_by uuid,
    published_at timestamptz not null,
    primary key (flow_id, version)
);
