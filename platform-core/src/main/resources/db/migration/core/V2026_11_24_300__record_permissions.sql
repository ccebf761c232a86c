-- Versions are global across the module folders: a new migration takes a version above every one already released.
-- Records get their own permissions: operators (member) create and edit records without managing
-- apps; builders and owners may also delete them. Existing built-in roles receive them here.
update role set permissions = permissions || '["record.create", "record.edit"]'::jsonb
 where builtin_key = 'member' and not permissions ? 'record.create';
update role set permissions = permissions || '["record.create", "record.edit", "record.delete"]'::jsonb
 where builtin_key in ('builder', 'owner') and not permissions ? 'record.create';
