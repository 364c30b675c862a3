-- Social identities, metrics, lifecycle, campaigns, touchpoints, conversions, segments, audit, connectors.
-- bigint ids, no triggers, no foreign key outside the schema (Citus schema-based sharding, design.md §5).

create table campaign (
    id                  bigint generated always as identity primary key,
    name                text not null,
    status              text not null default 'DRAFT' check (status in ('DRAFT', 'ACTIVE', 'PAUSED', 'ENDED')),
    channel             text,
    starts_at           timestamptz,
    ends_at             timestamptz,
    budget              double precision,
    -- counts kept when contacts are erased, so campaign totals survive erasure without personal data
    erased_touchpoints  integer not null default 0,
    erased_conversions  integer not null default 0,
    created_at          timestamptz not null default now(),
    updated_at          timestamptz not null default now()
);
create index campaign_status_idx on campaign (status, id desc);

create table social_identity (
    id                 bigint generated always as identity primary key,
    contact_id         bigint not null references contact (id) on delete cascade,
    network            text not null check (network in ('X', 'FACEBOOK', 'INSTAGRAM', 'LINKEDIN', 'YOUTUBE', 'TIKTOK', 'MASTODON', 'BLUESKY')),
    handle             text not null,
    handle_normalized  text not null,
    external_id        text,
    profile_url        text,
    verified           boolean not null default false,
    is_influencer      boolean not null default false,
    topics             text[] not null default '{}',
    followers          bigint,
    following          bigint,
    posts              bigint,
    engagement_rate    double precision,
    influence_score    double precision,
    last_synced_at     timestamptz,
    created_at         timestamptz not null default now(),
    updated_at         timestamptz not null default now(),
    constraint social_identity_handle_uq unique (network, handle_normalized)
);
create index social_identity_contact_idx on social_identity (contact_id);
create index social_identity_score_idx on social_identity (influence_score desc nulls last, id desc);
create index social_identity_topics_idx on social_identity using gin (topics);

create table metric_point (
    identity_id  bigint not null references social_identity (id) on delete cascade,
    metric       text not null,
    observed_at  timestamptz not null,
    value        double precision not null,
    source       text not null default 'api',
    primary key (identity_id, metric, observed_at)
);

create table lifecycle_transition (
    id           bigint generated always as identity primary key,
    contact_id   bigint not null references contact (id) on delete cascade,
    from_stage   text,
    to_stage     text not null,
    occurred_at  timestamptz not null default now(),
    source       text not null default 'api',
    campaign_id  bigint references campaign (id) on delete set null,
    note         text
);
create index lifecycle_transition_contact_idx on lifecycle_transition (contact_id, occurred_at, id);
create index lifecycle_transition_to_stage_idx on lifecycle_transition (to_stage, occurred_at);

create table touchpoint (
    id                      bigint generated always as identity primary key,
    contact_id              bigint not null references contact (id) on delete cascade,
    campaign_id             bigint references campaign (id) on delete set null,
    channel                 text not null,
    influencer_identity_id  bigint references social_identity (id) on delete set null,
    occurred_at             timestamptz not null default now(),
    source                  jsonb,
    created_at              timestamptz not null default now()
);
create index touchpoint_contact_idx on touchpoint (contact_id, occurred_at desc, id desc);
create index touchpoint_campaign_idx on touchpoint (campaign_id);
create index touchpoint_influencer_idx on touchpoint (influencer_identity_id) where influencer_identity_id is not null;

create table conversion (
    id           bigint generated always as identity primary key,
    contact_id   bigint not null references contact (id) on delete cascade,
    occurred_at  timestamptz not null default now(),
    value        double precision,
    stage        text,
    campaign_id  bigint references campaign (id) on delete set null,
    created_at   timestamptz not null default now()
);
create index conversion_contact_idx on conversion (contact_id, occurred_at);
create index conversion_occurred_idx on conversion (occurred_at);

create table segment (
    id          bigint generated always as identity primary key,
    name        text not null,
    filter      jsonb not null,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now(),
    constraint segment_name_uq unique (name)
);

create table audit_event (
    id       bigint generated always as identity primary key,
    at       timestamptz not null default now(),
    actor    text not null,
    action   text not null,
    target   text,
    details  jsonb
);
create index audit_event_at_idx on audit_event (at desc, id desc);

-- What erasure leaves behind: counts only, no identifier of the person.
create table erasure (
    id         bigint generated always as identity primary key,
    erased_at  timestamptz not null default now(),
    counts     jsonb not null
);

create table connector_account (
    id                     bigint generated always as identity primary key,
    network                text not null,
    identity_id            bigint not null references social_identity (id) on delete cascade,
    external_account_id    text,
    status                 text not null default 'ACTIVE' check (status in ('ACTIVE', 'NEEDS_REAUTH', 'PAUSED', 'FAILING')),
    access_token           text not null,
    refresh_token          text,
    token_key_id           text not null,
    token_expires_at       timestamptz,
    sync_interval_seconds  integer,
    last_sync_at           timestamptz,
    next_sync_at           timestamptz,
    last_error             text,
    consecutive_failures   integer not null default 0,
    created_at             timestamptz not null default now(),
    updated_at             timestamptz not null default now()
);
create index connector_account_identity_idx on connector_account (identity_id);

create table sync_run (
    id              bigint generated always as identity primary key,
    account_id      bigint not null references connector_account (id) on delete cascade,
    started_at      timestamptz not null default now(),
    finished_at     timestamptz,
    status          text not null check (status in ('RUNNING', 'SUCCEEDED', 'FAILED', 'RATE_LIMITED')),
    points_written  integer not null default 0,
    error           text
);
create index sync_run_account_idx on sync_run (account_id, started_at desc);
