-- Partner bulk touchpoints and conversions (POST /api/imports?kind=touchpoints|conversions): the job's kind, and an
-- import key per written event (the partner's eventId, or a hash of the row's values when it names its time) so that
-- re-running the same file writes nothing twice.
alter table import_job drop constraint import_job_kind_check;
alter table import_job add constraint import_job_kind_check check (kind in ('contacts', 'touchpoints', 'conversions'));

alter table touchpoint add column import_key text;
create unique index touchpoint_import_key_uq on touchpoint (import_key) where import_key is not null;
alter table conversion add column import_key text;
create unique index conversion_import_key_uq on conversion (import_key) where import_key is not null;
