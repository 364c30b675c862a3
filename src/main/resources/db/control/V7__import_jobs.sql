-- Import jobs of every tenant, leased by the replicas' import workers like connector jobs (design.md §8): a crashed
-- replica's job comes back when its lease expires and resumes after its last committed batch.
create table control.import_job (
    tenant_id         bigint not null references control.tenant (id) on delete cascade,
    tenant_slug       text not null,
    job_id            bigint not null,
    status            text not null default 'QUEUED' check (status in ('QUEUED', 'DONE')),
    lease_owner       text,
    lease_expires_at  timestamptz,
    created_at        timestamptz not null default now(),
    updated_at        timestamptz not null default now(),
    primary key (tenant_id, job_id)
);
create index import_job_queued_idx on control.import_job (created_at) where status = 'QUEUED';

-- Trigram similarity for duplicate candidates (similar names): extensions are per database, so it is created once
-- here, in public; tenant SQL names its functions and operators schema-qualified.
create extension if not exists pg_trgm with schema public;
