-- an import may write a "record.created" event per record (ImportOptions.recordEvents)
alter table record_import add column record_events boolean not null default false;
