-- Duplicate candidates (similar names within one postal code): one GiST index serves both the postal code equality
-- (btree_gist) and the trigram similarity (pg_trgm, V7). Extensions are per database, created once here in public.
create extension if not exists btree_gist with schema public;
