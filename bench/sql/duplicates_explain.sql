-- bench/import.sh: the plan of duplicateCandidates' similar-name join (profile/DuplicateFinder), on the bench tenant.
set search_path to t_bench;
explain (analyze, costs off, timing off, summary on)
select count(*) from contact a join contact b on b.postal_code = a.postal_code and b.display_name operator(public.%) a.display_name
   and b.id <> a.id
 where a.postal_code is not null and b.postal_code is not null and public.similarity(a.display_name, b.display_name) >= 0.5;
