-- The outbox's `at` is read by the pruner alone (ChangePruner: `delete from change where at < now() - retention`), a
-- range at the table's old end. Rows are appended in about `at` order, so a BRIN finds that range as well as the
-- B-tree did, and a change row (two per contact an import creates) no longer pays a B-tree entry (docs/benchmarks.md,
-- "Session 13 (outbox)").
create index change_at_brin_idx on change using brin (at);
drop index change_at_idx;
