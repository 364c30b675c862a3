-- Staged import lines in chunks (ImportStaging, ImportWorker): one row per chunk of up to scrm.imports.batch-size
-- lines of one lane group instead of one row per line, so a file of 1,000,000 lines is about 1,000 staged rows to
-- insert, read and delete instead of 1,000,000 (the staging insert and the per-line read-and-delete were 18 µs of
-- database time a line). A chunk holds the lines of one lane group (LaneKeys.group: the first match key's bucket
-- modulo the lanes configured at upload), in line order; lane i of n applies the chunks whose group modulo n is i,
-- one chunk per batch, so every line naming a person by that key is still applied by one lane in file order. A
-- chunk is deleted by the transaction that applies it (back if it rolls back): the chunks left are exactly the
-- lines still to apply.
create table import_chunk (
    job_id      bigint not null,
    lane_group  smallint not null,
    first_line  bigint not null,
    lines       bigint[] not null,
    payloads    text[] not null,
    errors      text[] not null,
    primary key (job_id, first_line)
);

-- lines staged before this version (a job queued or running across the upgrade): chunks of up to 1,000 lines in
-- two groups (the default lanes; with other lanes each key's lines still stay in one lane)
insert into import_chunk (job_id, lane_group, first_line, lines, payloads, errors)
select job_id, bucket % 2, min(line), array_agg(line order by line), array_agg(payload order by line), array_agg(error order by line)
from import_row
group by job_id, bucket % 2, line / 1000;

drop table import_row;
