-- The three list indexes of contact ascending (session 14; docs/benchmarks.md "Session 14"). V1 made them descending,
-- as the lists read them (`order by updated_at desc, id desc`, with or without a stage); a backward scan of an
-- ascending index reads the same order, keyset conditions included. But a new or updated contact carries the newest
-- timestamp and id: a descending index takes it at its left edge, without the rightmost-leaf fast path and with
-- half-and-half page splits, 2.1 µs a row more for the three in pure SQL and 38% more pages
-- (bench/sql/index_direction_cost.sql). Rebuilt once here (a table lock for the build, seconds a million contacts).
drop index contact_updated_idx;
drop index contact_created_idx;
drop index contact_stage_updated_idx;
create index contact_updated_idx on contact (updated_at, id);
create index contact_created_idx on contact (created_at, id);
create index contact_stage_updated_idx on contact (lifecycle_stage, updated_at, id);
