-- OAuth connect flows in progress (docs/connectors.md "OAuth connect flow"): one row per state handed out, so that
-- any replica answers the callback. The row holds the PKCE code verifier (random, never derived from the state) and a
-- hash of the binding secret the starting browser keeps in a cookie. The callback claims the row once (used_at): a
-- replayed state fails on every replica. Rows are pruned once expired.
create table control.oauth_state (
    id             text primary key,
    tenant_slug    text not null,
    network        text not null,
    identity_id    bigint not null,
    subject        text not null,
    binding_hash   text not null,
    code_verifier  text,
    expires_at     timestamptz not null,
    used_at        timestamptz,
    created_at     timestamptz not null default now()
);
create index oauth_state_expires_idx on control.oauth_state (expires_at);
