-- Duplicate candidates: names similar to a contact's within its postal code come from ONE index scan per contact
-- (postal code equality and pg_trgm's % on the display name together), not from comparing everyone in the postal code.
create index contact_postal_name_trgm_idx on contact using gist (postal_code, display_name public.gist_trgm_ops)
    where postal_code is not null;
