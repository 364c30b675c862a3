-- Staged import rows are written once and read once by the worker, which parses them itself: text instead of jsonb
-- (no parse into jsonb and back per row), and no foreign key to import_job (a per-row check while a file streams in;
-- jobs are never deleted, and a job's rows are removed by the worker as it applies them).
alter table import_row alter column payload type text using payload::text;
alter table import_row drop constraint import_row_job_id_fkey;
