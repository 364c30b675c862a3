-- Field work and get-out-the-vote (docs/field.md).
--
-- Households: contacts at the same normalised address. The key is a stored generated column, so every write path
-- (createContact, updateContact, upserts, imports, merges) keeps it current without a trigger and without a statement
-- of its own. Normalised: lower case, punctuation and repeated spaces folded, common street words abbreviated; the
-- postal code without spaces (the city when there is none), the country. No first line, no household.
alter table contact add column household_key text generated always as (
    case when address_line1 is null or btrim(address_line1) = '' then null else md5(
        coalesce(lower(regexp_replace(country, '[^[:alnum:]]', '', 'g')), '') || '|' ||
        coalesce(nullif(lower(regexp_replace(postal_code, '[^[:alnum:]]', '', 'g')), ''),
                 lower(regexp_replace(coalesce(city, ''), '[^[:alnum:]]', '', 'g'))) || '|' ||
        btrim(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(
            lower(address_line1), '[^[:alnum:]]+', ' ', 'g'),
            '\m(street|str)\M', 'st', 'g'), '\mavenue\M', 'ave', 'g'), '\mroad\M', 'rd', 'g'),
            '\mdrive\M', 'dr', 'g'), '\mboulevard\M', 'blvd', 'g'), '\mlane\M', 'ln', 'g')) || '|' ||
        btrim(regexp_replace(regexp_replace(lower(coalesce(address_line2, '')), '[^[:alnum:]]+', ' ', 'g'),
            '\m(apartment|apt|unit|flat|suite)\M', '', 'g'))
    ) end) stored;
create index contact_household_idx on contact (household_key) where household_key is not null;

-- A turf: households of a segment cut into one walkable area, in walking order (turf_stop), with the contacts it
-- covers (turf_contact: what a crm-field assignee may see).
create table turf (
    id          bigint generated always as identity primary key,
    name        text        not null,
    segment_id  bigint      references segment (id) on delete set null,
    assignee    text,
    created_at  timestamptz not null default now()
);
create index turf_assignee_idx on turf (assignee) where assignee is not null;

create table turf_stop (
    turf_id               bigint           not null references turf (id) on delete cascade,
    position              int              not null,
    household_key         text             not null,
    latitude              double precision,
    longitude             double precision,
    meters_from_previous  double precision,
    primary key (turf_id, position)
);

create table turf_contact (
    turf_id        bigint not null references turf (id) on delete cascade,
    contact_id     bigint not null references contact (id) on delete cascade,
    household_key  text   not null,
    primary key (turf_id, contact_id)
);
create index turf_contact_contact_idx on turf_contact (contact_id);

-- A door or phone conversation. client_id makes offline batches idempotent (unique per tenant).
create table canvass (
    id             bigint generated always as identity primary key,
    contact_id     bigint      not null references contact (id) on delete cascade,
    touchpoint_id  bigint      references touchpoint (id) on delete set null,
    turf_id        bigint      references turf (id) on delete set null,
    campaign_id    bigint      references campaign (id) on delete set null,
    outcome        text        not null check (outcome in ('CONTACTED', 'NOT_HOME', 'REFUSED', 'MOVED', 'WRONG_NUMBER', 'DECEASED')),
    channel        text        not null check (channel in ('CANVASS', 'PHONE')),
    support_level  smallint    check (support_level between 1 and 5),
    answers        jsonb,
    note           text,
    recorded_by    text        not null,
    occurred_at    timestamptz not null,
    client_id      text        unique,
    created_at     timestamptz not null default now()
);
create index canvass_contact_idx on canvass (contact_id, occurred_at desc, id desc);
create index canvass_turf_idx on canvass (turf_id) where turf_id is not null;
