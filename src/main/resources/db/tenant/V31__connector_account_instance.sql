-- The instance a connector account is pulled from (Mastodon), fixed by the admin who connects the account. Null: the
-- network's configured base URL. Connectors never derive a host from an identity's profile_url, which lower roles set.
alter table connector_account add column instance_url text;
