-- bench/import.sh: the existing contacts an import matches against (ids 1..:existing in a fresh tenant schema),
-- with an email and an external id each; names from small lists so that postal codes hold similar names.
\set ON_ERROR_STOP on
set search_path to t_bench;
set synchronous_commit = off;
insert into contact (display_name, first_name, last_name, email, city, postal_code, country, lifecycle_stage)
select f || ' ' || l, f, l, 'p' || g || '@bench.example', 'City' || (g % 500), lpad((10000 + g % 5000)::text, 5, '0'), 'US', 'subscriber'
  from generate_series(1, :existing) g,
       lateral (select (array['Anna','Ben','Carla','David','Emma','Felix','Grace','Hugo','Ines','Jonas','Karin','Leo','Maya',
                              'Nora','Oscar','Paula','Quinn','Rosa','Sam','Tara'])[1 + (g * 7) % 20] as f,
                       (array['Smith','Smyth','Miller','Muller','Garcia','Garcya','Novak','Nowak','Berg','Burg','Khan','Kahn',
                              'Silva','Sylva','Rossi','Rosse','Weber','Webber','Lopez','Lopes'])[1 + (g * 13) % 20] as l) n;
insert into lifecycle_transition (contact_id, to_stage, source) select id, 'subscriber', 'bench' from contact;
insert into contact_email (contact_id, address, address_norm, is_primary) select id, email, email, true from contact;
insert into contact_external_id (contact_id, system, value) select id, 'crm', 'P' || id from contact;
analyze contact; analyze contact_email; analyze contact_external_id;
