-- Q1 as SQL: the 50 most recently updated contacts in one stage, then their identities (two statements, like the app).
select id, display_name, first_name, last_name, email, lifecycle_stage, updated_at from contact where lifecycle_stage = :stage order by updated_at desc, id desc limit 51;
select id, contact_id, network, handle, followers, influence_score from social_identity where contact_id in (select id from contact where lifecycle_stage = :stage order by updated_at desc, id desc limit 50);
