-- What holds a kept file ("record:<id>" for an attachment): a record may only reference files it
-- holds or that its writer has just uploaded, and a file is downloaded only through its holder.
alter table stored_file add column held_by varchar(80);
