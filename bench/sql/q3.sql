-- Q3 as SQL: one random contact, its identities, its latest 20 touchpoints with campaign name, its lifecycle history.
\set id random(1, :contacts)
select id, display_name, first_name, last_name, email, lifecycle_stage, updated_at from contact where id = :id;
select id, network, handle, followers, influence_score from social_identity where contact_id = :id;
select t.id, t.channel, t.occurred_at, cp.id, cp.name from touchpoint t left join campaign cp on cp.id = t.campaign_id where t.contact_id = :id order by t.occurred_at desc, t.id desc limit 21;
select id, from_stage, to_stage, occurred_at, source, note from lifecycle_transition where contact_id = :id order by occurred_at, id;
