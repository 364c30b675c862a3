-- The hot key tables and the lifecycle history lose their foreign key to contact (issue 14 point 6, session 13 keys):
-- each key row of a created contact paid one referential check (an SPI query locking the contact's tuple), four per
-- created contact, 3-8 us each (docs/benchmarks.md, "Session 13 (keys)"). What the keys gave is now the code's job, in
-- the same transaction, as for duplicate_pending (V112):
-- * every writer of these rows holds the contact's row lock (for update, or the update of the contact) or created the
--   contact in its own transaction, and writes nothing for a contact its lock did not find (ContactUpserts.load,
--   ContactRepository, LifecycleHistory, ContactMerger, DemoHistory);
-- * every path that deletes contacts deletes or moves these rows itself, after it holds the contacts' lock
--   (ContactPrivacy.erase, ContactMerger.merge), so it sees every row a writer committed before it.
-- Dropping a constraint is a catalogue change: cheap on a tenant of any size.
alter table contact_email drop constraint contact_email_contact_id_fkey;
alter table contact_phone drop constraint contact_phone_contact_id_fkey;
alter table contact_external_id drop constraint contact_external_id_contact_id_fkey;
alter table lifecycle_transition drop constraint lifecycle_transition_contact_id_fkey;
