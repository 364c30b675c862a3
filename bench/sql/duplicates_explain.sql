-- bench/import.sh: the plan of the similar-name probe that DuplicatePairs.FIND runs for a batch of written contacts
-- (here the 1,000 highest ids of the bench tenant): one probe of the name index per contact (the lateral subquery of
-- FIND), which should read contact_name_probe_trgm_idx (V114: GiST on postal code and name trigrams of the probe table).
set search_path to t_bench;
explain (analyze, costs off, timing off, summary on)
select count(*) from contact a cross join lateral (
  select p.contact_id, public.similarity(a.display_name, p.display_name) as similarity from contact_name_probe p
  where p.postal_code = a.postal_code and p.display_name operator(public.%) a.display_name and p.contact_id <> a.id offset 0) b
 where a.id = any (array(select id from contact order by id desc limit 1000)) and a.postal_code is not null
   and b.similarity >= 0.5;
