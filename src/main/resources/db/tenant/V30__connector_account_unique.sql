-- One connector account per identity and network: connecting again replaces the tokens (connectSocialAccount upserts).
create unique index connector_account_identity_network_uq on connector_account (identity_id, network);
