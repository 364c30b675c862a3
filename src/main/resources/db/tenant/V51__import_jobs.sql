-- Bulk imports (POST /api/imports): the job, its staged rows (written while the file streams in, removed when the
-- job ends) and its first rejections. Batches commit with the job's cursor, so a resumed job never applies a
-- line twice.
create table import_job (
    id              bigint generated always as identity primary key,
    kind            text not null default 'contacts' check (kind in ('contacts')),
    status          text not null default 'QUEUED' check (status in ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED')),
    format          text not null,
    match_on        text[] not null,
    created_by      text not null,
    created_at      timestamptz not null default now(),
    started_at      timestamptz,
    finished_at     timestamptz,
    rows_total      integer,
    rows_processed  integer not null default 0,
    cursor_line     bigint not null default 0,
    created         integer not null default 0,
    updated         integer not null default 0,
    unchanged       integer not null default 0,
    ambiguous       integer not null default 0,
    rejected        integer not null default 0,
    cancel_requested boolean not null default false
);
create index import_job_created_idx on import_job (created_at desc, id desc);

create table import_row (
    job_id   bigint not null references import_job (id) on delete cascade,
    line     bigint not null,
    payload  jsonb,
    error    text,
    primary key (job_id, line)
);

create table import_rejection (
    job_id  bigint not null references import_job (id) on delete cascade,
    line    bigint not null,
    reason  text not null,
    primary key (job_id, line)
);

-- Duplicate candidates (profile/DuplicateFinder): names compared within a postal code, e-mail local-part variants
-- (dots and +tags ignored) compared by equality on an expression index.
create index contact_postal_code_idx on contact (postal_code) where postal_code is not null;
create index contact_email_variant_idx on contact_email
    ((regexp_replace(split_part(address_norm, '@', 1), '(\+.*$)|\.', '', 'g') || '@' || split_part(address_norm, '@', 2)));
