-- Import lanes (ImportWorker): a staged row carries a hash of its first match key (profile/importing/LaneKeys), and
-- each of a job's lanes applies the rows whose bucket falls to it. Lines naming one person by that key are applied
-- by one lane in file order; rows staged before this version have bucket 0 (one lane takes them all).
alter table import_row add column bucket smallint not null default 0;
