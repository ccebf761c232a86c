-- Files kept in PostgreSQL (the one store): uploads waiting for their import job, export results,
-- later attachments. Stored in 1 MiB chunks so that neither writing nor reading holds a file in memory.
create table stored_file (
    id           uuid primary key,
    workspace_id uuid         not null references workspace (id) on delete cascade,
    purpose      varchar(40)  not null,
    name         varchar(255) not null,
    content_type varchar(120) not null,
    size_bytes   bigint       not null,
    sha256       varchar(64)  not null,
    created_by   uuid,
    created_at   timestamptz  not null,
    -- temporary files (uploads, exports) are removed after this time; null keeps the file
    expires_at   timestamptz
);
create index stored_file_workspace_idx on stored_file (workspace_id);
create index stored_file_expiry_idx on stored_file (expires_at) where expires_at is not null;

create table stored_file_chunk (
    file_id uuid  not null references stored_file (id) on delete cascade,
    seq     int   not null,
    data    bytea not null,
    primary key (file_id, seq)
);
