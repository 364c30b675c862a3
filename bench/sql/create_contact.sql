-- createContact's statements (ContactRepository.insert, the initial transition, the audit event), one transaction.
\set n random(1, 1000000000)
begin;
insert into contact (display_name, first_name, email, tags, attributes, consent_email, consent_sms, consent_tracking, lifecycle_stage)
values ('Bench ' || :n, 'Bench', 'b' || :n || '-' || txid_current() || '@example.com', '{}', '{}', false, false, false, 'subscriber')
returning id \gset
insert into lifecycle_transition (contact_id, from_stage, to_stage, source) values (:id, null, 'subscriber', 'created');
insert into audit_event (actor, action, target) values ('bench', 'contact.create', :id);
commit;
