-- Tenants that have webhooks, leased by the replicas' webhook dispatchers like connector jobs: round-robin over
-- tenants (oldest next_run_at first), `for update skip locked`, a lease expiry so a crashed replica's work returns.
create table control.webhook_tenant (
    tenant_id         bigint primary key references control.tenant (id) on delete cascade,
    tenant_slug       text not null,
    next_run_at       timestamptz not null default now(),
    lease_owner       text,
    lease_expires_at  timestamptz
);
create index webhook_tenant_due_idx on control.webhook_tenant (next_run_at);
