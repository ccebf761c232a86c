-- Versions are global across the module folders: a new migration takes a version above every one already released.
-- The message log (recipients, bodies) and the opt-out list get their own permission: they show customers'
-- data whatever a role may see of their records. Owners and builders hold it; other roles get it when granted.
update role set permissions = permissions || '["message.read"]'::jsonb
 where builtin_key in ('builder', 'owner') and not permissions ? 'message.read';
