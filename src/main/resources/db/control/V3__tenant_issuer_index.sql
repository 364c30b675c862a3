-- The snapshot of tenant issuers (TenantIssuers) is read from here on start-up, on change and every cache TTL:
-- an index-only scan over the few tenants that bring their own identity provider.
create index tenant_oidc_issuer_idx on tenant (oidc_issuer) include (slug) where oidc_issuer is not null;
