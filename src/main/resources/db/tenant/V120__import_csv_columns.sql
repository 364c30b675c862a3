-- Contact CSV records are staged as their text, not as ContactUpsertInput JSON (ImportStaging, ImportColumns): the
-- JSON was written per line on upload and parsed again per line when the chunk was applied, ~22% of the app's time
-- of an import. The worker reads the cells with the job's header, kept here (canonical column names). Null: the
-- job's lines are staged as JSON (NDJSON, touchpoint and conversion imports, and jobs staged before this version).
alter table import_job add column csv_columns text[];
