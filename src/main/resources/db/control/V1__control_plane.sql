-- The platform's own tables. Tenant data never lives here (design.md §1).
create table agency (
    id          text primary key,
    name        text not null,
    created_at  timestamptz not null default now()
);

create table tenant (
    id                bigint generated always as identity primary key,
    slug              text not null unique,
    name              text not null,
    kind              text not null check (kind in ('BRAND', 'CAMPAIGN', 'CLIENT')),
    agency_id         text references agency (id),
    status            text not null default 'PROVISIONING'
                      check (status in ('PROVISIONING', 'ACTIVE', 'MIGRATION_FAILED', 'SUSPENDED')),
    schema_name       text not null unique,
    lifecycle_stages  jsonb not null,
    oidc_issuer       text,
    settings          jsonb not null default '{}'::jsonb,
    shard             text not null default 'default',
    schema_version    text,
    migration_error   text,
    source            text not null default 'api' check (source in ('file', 'api')),
    created_at        timestamptz not null default now(),
    updated_at        timestamptz not null default now()
);

-- Which agencies may work on which tenants (the owner agency is always linked too).
create table agency_tenant (
    agency_id   text not null references agency (id),
    tenant_id   bigint not null references tenant (id) on delete cascade,
    created_at  timestamptz not null default now(),
    primary key (agency_id, tenant_id)
);
create index agency_tenant_tenant_idx on agency_tenant (tenant_id);
