-- Benchmark data, set-based (generate_series), in one tenant schema that the app has already migrated.
-- psql -v schema=t_bench -v contacts=100000 -v identities=150000 -v campaigns=50 -v touchpoints=400000
--      -v transitions=250000 -v metric_points=1000000 -v conversions=10000 -f generate.sql
-- Deterministic shape, pseudo-random values (random() is not seeded: figures do not depend on exact values).
\set ON_ERROR_STOP on
set search_path to :"schema";
set synchronous_commit = off;

truncate contact, campaign restart identity cascade;

-- Contacts: updated_at spread over the last 365 days; lifecycle_stage fixed below from the transitions.
insert into contact (display_name, first_name, last_name, email, city, country, tags, consent_email,
                     lifecycle_stage, created_at, updated_at)
select 'First' || g || ' Last' || g, 'First' || g, 'Last' || g, 'c' || g || '@bench.example',
       (array['Paris','Berlin','Lyon','Madrid','Rome','Lisbon'])[1 + g % 6],
       (array['FR','DE','FR','ES','IT','PT'])[1 + g % 6],
       case when g % 10 = 0 then array['vip'] else '{}'::text[] end,
       g % 3 = 0, 'subscriber',
       now() - interval '400 days' + (g % 1000) * interval '1 minute',
       now() - random() * interval '365 days'
  from generate_series(1, :contacts) g;

-- Identities: identity i belongs to contact ((i-1) % contacts) + 1, so contacts get 1 or 2 at 1.5 per contact.
-- 5% are influencers with topics and a score; followers log-spread from 10 to ~2M.
insert into social_identity (contact_id, network, handle, handle_normalized, followers, following, posts,
                             engagement_rate, is_influencer, topics, influence_score, last_synced_at)
select ((i - 1) % :contacts) + 1,
       (array['X','FACEBOOK','INSTAGRAM','LINKEDIN','YOUTUBE','TIKTOK','MASTODON','BLUESKY'])[1 + i % 8],
       'bench_' || i, 'bench_' || i,
       (10 * power(10, random() * 5.3))::bigint, (random() * 2000)::bigint, (random() * 5000)::bigint,
       random() * 0.1,
       i % 20 = 0,
       case when i % 20 = 0 then array[(array['beauty','skincare','fitness','travel','food'])[1 + i % 5]] else '{}'::text[] end,
       case when i % 20 = 0 then round((random() * 100)::numeric, 2)::double precision end,
       now() - random() * interval '1 day'
  from generate_series(1, :identities) i;

update contact c set influence_score = s.score
  from (select contact_id, max(influence_score) score from social_identity where influence_score is not null group by contact_id) s
 where c.id = s.contact_id;

insert into campaign (name, status, channel, starts_at, ends_at, budget)
select 'Campaign ' || g, (array['ACTIVE','ACTIVE','ENDED','PAUSED'])[1 + g % 4],
       (array['SOCIAL','EMAIL','INFLUENCER','PAID_SOCIAL','EVENT'])[1 + g % 5],
       now() - interval '200 days', now() + interval '30 days', 1000 * g
  from generate_series(1, :campaigns) g;

-- Touchpoints over the last 180 days; a third of them made by an influencer identity (ids divisible by 20).
insert into touchpoint (contact_id, campaign_id, channel, influencer_identity_id, occurred_at)
select 1 + (random() * (:contacts - 1))::bigint,
       1 + g % :campaigns,
       (array['SOCIAL','EMAIL','INFLUENCER','PAID_SOCIAL','EVENT','REFERRAL'])[1 + g % 6],
       case when g % 3 = 0 and :identities >= 20 then 20 * (1 + (random() * (:identities / 20 - 1))::bigint) end,
       now() - random() * interval '180 days'
  from generate_series(1, :touchpoints) g;

-- Lifecycle transitions: round r = (g-1) / contacts moves contact ((g-1) % contacts)+1 from stage r to r+1 of the
-- default ladder, 20 days apart; the contact's current stage is the last to_stage.
insert into lifecycle_transition (contact_id, from_stage, to_stage, occurred_at, source, campaign_id)
select c, st[1 + least(r, 5)], st[2 + least(r, 5)],
       now() - interval '200 days' + r * interval '20 days' + (c % 1440) * interval '1 minute', 'api',
       case when c % 4 = 0 then 1 + c % :campaigns end
  from (select ((g - 1) % :contacts) + 1 c, (g - 1) / :contacts r,
               array['subscriber','lead','marketing_qualified_lead','sales_qualified_lead','opportunity','customer','evangelist'] st
          from generate_series(1, :transitions) g) x;

update contact c set lifecycle_stage = t.to_stage
  from (select distinct on (contact_id) contact_id, to_stage from lifecycle_transition order by contact_id, occurred_at desc, id desc) t
 where c.id = t.contact_id;

-- Conversions in the last 90 days (attribution looks back from each conversion).
insert into conversion (contact_id, occurred_at, value, stage, campaign_id)
select 1 + (random() * (:contacts - 1))::bigint, now() - random() * interval '90 days', round((random() * 200)::numeric, 2),
       'customer', case when g % 2 = 0 then 1 + g % :campaigns end
  from generate_series(1, :conversions) g;

-- Metric points: point g is identity ((g-1) % identities)+1, one hour apart per round, so keys never collide.
insert into metric_point (identity_id, metric, observed_at, value, source)
select ((g - 1) % :identities) + 1, 'followers',
       timestamptz '2025-01-01 00:00:00+00' + ((g - 1) / :identities) * interval '1 hour',
       (random() * 100000)::int, 'api'
  from generate_series(1, :metric_points) g;

analyze;
select (select count(*) from contact) contacts, (select count(*) from social_identity) identities,
       (select count(*) from campaign) campaigns, (select count(*) from touchpoint) touchpoints,
       (select count(*) from lifecycle_transition) transitions, (select count(*) from conversion) conversions,
       (select count(*) from metric_point) metric_points;
