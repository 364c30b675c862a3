-- bench/import.sh, bench/duplicates.sh: the existing contacts an import matches against (ids 1..:existing in a fresh
-- tenant schema), with an email and an external id each. 20 people per postal code, names drawn (hash of the person)
-- from 20 first names and 20 last names that come in similar pairs (Smith/Smyth...), so that about 1 pair in 200 of
-- a postal code is a similar name; and every 50th contact is a second record of the person 5,000 ids before it (same
-- postal code, same name, an e-mail local-part variant: p1+2@ for p1@): about 7% of the contacts in a pair, not the
-- 19 exact-name twins each that the first version of this file gave everyone.
\set ON_ERROR_STOP on
set search_path to t_bench;
set synchronous_commit = off;
insert into contact (display_name, first_name, last_name, email, city, postal_code, country, lifecycle_stage)
select f || ' ' || l, f, l, case when person = g then 'p' || g else 'p' || person || '+' || g end || '@bench.example',
       'City' || (g % 500), lpad((10000 + g % 5000)::text, 5, '0'), 'US', 'subscriber'
  from generate_series(1, :existing) g,
       lateral (select case when g % 50 = 0 and g > 5000 then g - 5000 else g end as person) p,
       lateral (select (array['Anna','Ben','Carla','David','Emma','Felix','Grace','Hugo','Ines','Jonas','Karin','Leo','Maya',
                              'Nora','Oscar','Paula','Quinn','Rosa','Sam','Tara'])[1 + (hashint4(person)::bigint + 2147483648) % 20] as f,
                       (array['Smith','Smyth','Miller','Muller','Garcia','Garcya','Novak','Nowak','Berg','Burg','Khan','Kahn',
                              'Silva','Sylva','Rossi','Rosse','Weber','Webber','Lopez','Lopes'])[1 + (hashint4(person + 7919)::bigint + 2147483648) % 20] as l) n;
insert into lifecycle_transition (contact_id, to_stage, source) select id, 'subscriber', 'bench' from contact;
insert into contact_email (contact_id, address, address_norm, is_primary) select id, email, email, true from contact;
insert into contact_external_id (contact_id, system, value) select id, 'crm', 'P' || id from contact;
analyze contact; analyze contact_email; analyze contact_external_id;
