-- The organisation of a workspace: a tree of departments and the members in each. A person may be in
-- several departments (a sales rep who also sits in a project team), as in DingTalk or WeCom.
create table department (
    id           uuid primary key,
    workspace_id uuid        not null references workspace (id) on delete cascade,
    parent_id    uuid        references department (id),
    name         varchar(60) not null,
    position     integer     not null default 0,
    created_at   timestamptz not null,
    updated_at   timestamptz not null
);
-- siblings have distinct names; top-level departments are siblings of each other
create unique index department_sibling_name_uq
    on department (workspace_id, coalesce(parent_id, '00000000-0000-0000-0000-000000000000'), lower(name));
create index department_parent on department (parent_id);

-- only members of the workspace sit in its departments: removing the member removes them from all
create table department_member (
    department_id uuid        not null references department (id) on delete cascade,
    workspace_id  uuid        not null,
    user_id       uuid        not null,
    created_at    timestamptz not null,
    primary key (department_id, user_id),
    foreign key (workspace_id, user_id) references membership (workspace_id, user_id) on delete cascade
);
create index department_member_user on department_member (workspace_id, user_id);
