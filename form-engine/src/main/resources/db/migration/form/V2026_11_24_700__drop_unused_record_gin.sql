-- The GIN index over all of a record's data served no query: filters compare typed expressions of
-- single fields (data ->> 'key'), which the per-field expression indexes of indexed fields serve.
-- Maintaining it made every record write, and imports most of all, slower.
drop index if exists record_data_gin;
