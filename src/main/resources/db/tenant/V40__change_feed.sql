-- The transactional outbox (design.md §9): every change a transaction makes is a row here, written in that
-- transaction. Feed order is (tx_id, id): readers only read rows whose transaction is older than the oldest
-- transaction still running (pg_snapshot_xmin), so a row can never appear behind a position already read.
create table change (
    id          bigint generated always as identity primary key,
    tx_id       xid8 not null default pg_current_xact_id(),
    type        text not null,
    subject_id  bigint not null,
    actor       text,
    data        jsonb not null default '{}'::jsonb,
    at          timestamptz not null default now()
);
create index change_position_idx on change (tx_id, id);
create index change_at_idx on change (at);

-- Webhooks: the signing secret is stored encrypted (AES-GCM, like connector tokens).
create table webhook (
    id               bigint generated always as identity primary key,
    url              text not null,
    events           text[] not null,
    active           boolean not null default true,
    secret_key_id    text not null,
    secret           text not null,
    created_at       timestamptz not null default now(),
    last_success_at  timestamptz,
    failing_since    timestamptz,
    disabled_reason  text
);

-- One row per (webhook, change), written with the change; leased by the dispatcher of any replica.
create table webhook_delivery (
    id                  bigint generated always as identity primary key,
    uid                 uuid not null default gen_random_uuid(),
    webhook_id          bigint not null references webhook (id) on delete cascade,
    change_id           bigint not null references change (id) on delete cascade,
    tx_id               xid8 not null,
    subject_id          bigint not null,
    status              text not null default 'PENDING' check (status in ('PENDING', 'SUCCEEDED', 'FAILED', 'RETRYING')),
    attempts            int not null default 0,
    next_attempt_at     timestamptz not null default now(),
    last_response_code  int,
    delivered_at        timestamptz,
    lease_owner         text,
    lease_expires_at    timestamptz,
    created_at          timestamptz not null default now()
);
create index webhook_delivery_open_idx on webhook_delivery (webhook_id, subject_id, tx_id, change_id, id)
    where status in ('PENDING', 'RETRYING');
create index webhook_delivery_list_idx on webhook_delivery (webhook_id, id);
create index webhook_delivery_change_idx on webhook_delivery (change_id);
