-- bench/import.sh: the plan of the similar-name probe that DuplicatePairs.FIND runs for a batch of written contacts
-- (here the 1,000 highest ids of the bench tenant): one probe of the name index per contact, never a join of all.
set search_path to t_bench;
explain (analyze, costs off, timing off, summary on)
select count(*) from contact a join contact b on b.postal_code = a.postal_code and b.display_name operator(public.%) a.display_name
   and b.id <> a.id
 where a.id = any (array(select id from contact order by id desc limit 1000)) and a.postal_code is not null
   and public.similarity(a.display_name, b.display_name) >= 0.5;
