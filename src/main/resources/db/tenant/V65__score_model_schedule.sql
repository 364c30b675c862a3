-- Scheduled (re)computation of score models: a replica leases a due model (for update skip locked, with an expiry)
-- so that one replica trains it; a crashed replica's lease runs out and another takes the model over.
alter table score_model
    add column next_run_at       timestamptz not null default now(),
    add column lease_owner       text,
    add column lease_expires_at  timestamptz,
    -- RULES models: the change feed position (change.id) their scores were computed after
    add column scored_through    bigint;
create index score_model_due_idx on score_model (next_run_at);
