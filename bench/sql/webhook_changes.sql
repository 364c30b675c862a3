-- bench/webhooks.sh: one writer transaction of :per_tx contact.updated changes of random contacts among :contacts,
-- written as ChangeLog.INSERT writes them (the change rows and, in the same statement, one delivery per active
-- webhook listening to the type). Keep in step with ChangeLog.INSERT.
with c as (
    insert into change (type, subject_id, actor, data)
    select 'contact.updated', 1 + floor(random() * :contacts)::bigint, 'bench', jsonb_build_object('fields', jsonb_build_array('firstName'))
      from generate_series(1, :per_tx)
    returning id, tx_id, type, subject_id)
insert into webhook_delivery (webhook_id, change_id, tx_id, subject_id)
select w.id, c.id, c.tx_id, c.subject_id from c join webhook w on w.active and (c.type = any(w.events) or '*' = any(w.events));
