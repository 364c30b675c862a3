-- The influencer roster (query influencers) ranks identities flagged as influencers by score, unscored last,
-- with keyset pagination on (coalesce(influence_score, -1), id).
create index social_identity_influencer_rank_idx on social_identity ((coalesce(influence_score, -1)) desc, id desc)
    where is_influencer;
