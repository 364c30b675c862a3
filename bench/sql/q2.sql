-- Q2 as SQL: top 20 influencers by score with their contact's name (what the influencers query returns).
select si.id, si.network, si.handle, si.followers, si.influence_score, c.id, c.display_name, c.first_name, c.last_name from social_identity si join contact c on c.id = si.contact_id where si.is_influencer order by coalesce(si.influence_score, -1) desc, si.id desc limit 21;
