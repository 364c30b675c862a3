-- Unified profile (design.md §8): several emails and phones per contact, external ids, postal address, channel
-- consent, custom fields, the erasure blocklist and duplicate bookkeeping. Matching keys are normalised columns
-- under unique indexes, so set-based matching is a join.
alter table contact
    add column address_line1      text,
    add column address_line2      text,
    add column latitude           double precision,
    add column longitude          double precision,
    add column preferred_channel  text,
    add column language           text,
    add column do_not_contact     boolean not null default false,
    add column support_level      smallint,
    add column custom_fields      jsonb not null default '{}'::jsonb;
-- Named and added on its own: Citus refuses a constraint inside ADD COLUMN (docs/scale-out.md); same name as
-- PostgreSQL gives it. Changed after release: SchemaMigrator repairs the recorded checksum of installed tenants.
alter table contact add constraint contact_support_level_check check (support_level between 1 and 5);
-- segment rules filter custom fields with @> / jsonb_path predicates
create index contact_custom_fields_idx on contact using gin (custom_fields jsonb_path_ops);

create table contact_email (
    contact_id    bigint not null references contact (id) on delete cascade,
    address       text not null,
    address_norm  text not null,
    is_primary    boolean not null default false,
    created_at    timestamptz not null default now(),
    constraint contact_email_norm_uq unique (address_norm)
);
create index contact_email_contact_idx on contact_email (contact_id);

create table contact_phone (
    contact_id  bigint not null references contact (id) on delete cascade,
    e164        text not null,
    kind        text check (kind in ('MOBILE', 'LANDLINE', 'OTHER')),
    is_primary  boolean not null default false,
    created_at  timestamptz not null default now(),
    constraint contact_phone_e164_uq unique (e164)
);
create index contact_phone_contact_idx on contact_phone (contact_id);

create table contact_external_id (
    contact_id  bigint not null references contact (id) on delete cascade,
    system      text not null,
    value       text not null,
    created_at  timestamptz not null default now(),
    constraint contact_external_id_uq unique (system, value)
);
create index contact_external_id_contact_idx on contact_external_id (contact_id);

create table channel_preference (
    contact_id   bigint not null references contact (id) on delete cascade,
    channel      text not null check (channel in ('EMAIL', 'SMS', 'PHONE', 'MAIL', 'SOCIAL_DM', 'CANVASS')),
    status       text not null check (status in ('OPTED_IN', 'OPTED_OUT', 'UNKNOWN')),
    updated_at   timestamptz not null default now(),
    source       text,
    legal_basis  text,
    primary key (contact_id, channel)
);

create table custom_field (
    key         text primary key,
    label       text not null,
    type        text not null check (type in ('TEXT', 'NUMBER', 'DATE', 'BOOLEAN', 'CHOICE')),
    choices     text[],
    filterable  boolean not null default true,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now()
);

-- Salted hashes of erased emails, phones and external ids: an import cannot bring the person back.
create table erasure_block (
    hash        text primary key,
    blocked_at  timestamptz not null default now()
);
-- The tenant's own salt (never leaves the schema); gen_random_uuid draws from a strong random source.
create table tenant_secret (
    name   text primary key,
    value  text not null
);
insert into tenant_secret (name, value)
values ('erasure_salt', replace(gen_random_uuid()::text, '-', '') || replace(gen_random_uuid()::text, '-', ''));

-- Pairs are stored with contact_id < other_id.
create table duplicate_candidate (
    contact_id  bigint not null references contact (id) on delete cascade,
    other_id    bigint not null references contact (id) on delete cascade,
    reasons     text[] not null,
    score       double precision not null,
    created_at  timestamptz not null default now(),
    primary key (contact_id, other_id),
    check (contact_id < other_id)
);
create table duplicate_dismissal (
    contact_id    bigint not null,
    other_id      bigint not null,
    dismissed_at  timestamptz not null default now(),
    primary key (contact_id, other_id)
);

-- The existing primaries become the first rows of the new tables.
-- INSERT ... SELECT from a tenant table reads it through a CTE: Citus 13.2 mis-deparses the direct form into a table
-- with a default such as now() (docs/scale-out.md).
with src as (select id, email from contact where email is not null)
insert into contact_email (contact_id, address, address_norm, is_primary)
select id, email, lower(trim(email)), true from src
on conflict do nothing;
with src as (select id, phone from contact where phone ~ '^\+[1-9][0-9]{6,14}$')
insert into contact_phone (contact_id, e164, is_primary)
select id, phone, true from src
on conflict do nothing;
