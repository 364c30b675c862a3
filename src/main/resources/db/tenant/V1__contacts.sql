-- One copy of these tables lives in every tenant schema; statements use unqualified names and the
-- transaction-local search_path picks the schema. No foreign key leaves the schema (design.md §5).
create table contact (
    id                bigint generated always as identity primary key,
    display_name      text not null,
    first_name        text,
    last_name         text,
    email             text,
    phone             text,
    city              text,
    region            text,
    country           text,
    postal_code       text,
    tags              text[] not null default '{}',
    attributes        jsonb not null default '{}'::jsonb,
    consent_email     boolean not null default false,
    consent_sms       boolean not null default false,
    consent_tracking  boolean not null default false,
    lifecycle_stage   text not null,
    influence_score   double precision,
    created_at        timestamptz not null default now(),
    updated_at        timestamptz not null default now()
);
create unique index contact_email_uq on contact (lower(email)) where email is not null;
create index contact_updated_idx on contact (updated_at desc, id desc);
create index contact_created_idx on contact (created_at desc, id desc);
create index contact_stage_updated_idx on contact (lifecycle_stage, updated_at desc, id desc);
create index contact_tags_idx on contact using gin (tags);
