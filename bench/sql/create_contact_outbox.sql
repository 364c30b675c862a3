-- The same createContact with its change row (ChangeLog.INSERT, including the webhook fan-out), one transaction.
\set n random(1, 1000000000)
begin;
insert into contact (display_name, first_name, email, tags, attributes, consent_email, consent_sms, consent_tracking, lifecycle_stage)
values ('Bench ' || :n, 'Bench', 'b' || :n || '-' || txid_current() || '@example.com', '{}', '{}', false, false, false, 'subscriber')
returning id \gset
insert into lifecycle_transition (contact_id, from_stage, to_stage, source) values (:id, null, 'subscriber', 'created');
with c as (
    insert into change (type, subject_id, actor, data)
    select 'contact.created', u.subject, 'bench', u.data
      from unnest(array[:id]::bigint[], array['{"lifecycleStage":"subscriber"}']::jsonb[]) with ordinality as u(subject, data, n)
     order by u.n
    returning id, tx_id, type, subject_id)
insert into webhook_delivery (webhook_id, change_id, tx_id, subject_id)
select w.id, c.id, c.tx_id, c.subject_id from c join webhook w on w.active and (c.type = any(w.events) or '*' = any(w.events));
insert into audit_event (actor, action, target) values ('bench', 'contact.create', :id);
commit;
