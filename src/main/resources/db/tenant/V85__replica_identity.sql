-- Every tenant table needs a replica identity so that Citus can move a tenant with logical replication while it is
-- written (moveTenant, citus_schema_move; docs/scale-out.md). These three have no primary key: their unique keys on
-- non-null columns serve. Harmless on a single PostgreSQL (only logical replication reads it).
alter table contact_email replica identity using index contact_email_norm_uq;
alter table contact_phone replica identity using index contact_phone_e164_uq;
alter table contact_external_id replica identity using index contact_external_id_uq;
