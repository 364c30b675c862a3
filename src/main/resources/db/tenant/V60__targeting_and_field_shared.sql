-- Tables read by both targeting (score and vote conditions in segment rules) and field work (votes recorded by
-- canvassers and early-vote imports). Created together so both features build on one definition.

create table score_model (
    id                 bigint generated always as identity primary key,
    name               text        not null,
    kind               text        not null check (kind in ('RULES', 'LOOKALIKE')),
    rules              jsonb       not null default '[]',
    target_segment_id  bigint      references segment (id) on delete set null,
    target_stage       text,
    trained_at         timestamptz,
    quality            jsonb,
    coefficients       jsonb,
    created_at         timestamptz not null default now(),
    updated_at         timestamptz not null default now()
);

create table contact_score (
    model_id     bigint           not null references score_model (id) on delete cascade,
    contact_id   bigint           not null references contact (id) on delete cascade,
    value        double precision not null,
    factors      jsonb            not null default '[]',
    computed_at  timestamptz      not null default now(),
    primary key (model_id, contact_id)
);
create index contact_score_by_value on contact_score (model_id, value);
create index contact_score_by_contact on contact_score (contact_id);

create table contact_vote (
    contact_id  bigint      not null references contact (id) on delete cascade,
    election    text        not null,
    voted_at    timestamptz not null default now(),
    source      text,
    primary key (contact_id, election)
);
create index contact_vote_by_election on contact_vote (election);
