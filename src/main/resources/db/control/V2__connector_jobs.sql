-- Connector pull jobs of every tenant, leased by the replicas' schedulers (design.md §4).
-- A replica leases due jobs with `for update skip locked` and a lease expiry: two replicas never pull the same
-- account, and the jobs of a crashed replica are taken over once its leases expire.
create table control.connector_job (
    tenant_id         bigint not null references control.tenant (id) on delete cascade,
    tenant_slug       text not null,
    account_id        bigint not null,
    network           text not null,
    status            text not null default 'ACTIVE' check (status in ('ACTIVE', 'STOPPED')),
    next_run_at       timestamptz not null default now(),
    lease_owner       text,
    lease_expires_at  timestamptz,
    last_run_at       timestamptz,
    created_at        timestamptz not null default now(),
    updated_at        timestamptz not null default now(),
    primary key (tenant_id, account_id)
);
create index connector_job_due_idx on control.connector_job (next_run_at) where status = 'ACTIVE';
