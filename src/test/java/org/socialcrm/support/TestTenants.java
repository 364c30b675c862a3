package org.socialcrm.support;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Fresh tenants for tests that need exact counts, provisioned through the API like any tenant. */
public final class TestTenants {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private TestTenants() {
    }

    /** Creates a BRAND tenant with the default stages; returns its slug. */
    public static String create(String prefix) {
        return create(prefix, null);
    }

    public static String create(String prefix, List<String> stages) {
        String slug = prefix + "-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36) + SEQUENCE.incrementAndGet();
        Map<String, Object> input = stages == null ? Map.of("slug", slug, "name", "Test " + slug, "kind", "BRAND")
                : Map.of("slug", slug, "name", "Test " + slug, "kind", "BRAND", "lifecycleStages", stages);
        GraphQLClient.as(Tokens.user().roles("platform-admin").sign())
                .ok("mutation($i: CreateTenantInput!) { createTenant(input: $i) { slug } }", Map.of("i", input));
        return slug;
    }

    /** A crm-admin client of the tenant. */
    public static GraphQLClient admin(String slug) {
        return GraphQLClient.as(Tokens.tenantUser(slug, "crm-admin")).tenant(slug);
    }
}
