package org.socialcrm.identity;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.socialcrm.support.GraphQLClient;
import org.socialcrm.support.Tokens;
import org.socialcrm.tenancy.TenantDirectory;
import org.socialcrm.tenancy.TenantScope;
import org.socialcrm.tenancy.TenantTransactions;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/** Fresh tenants for tests that need exact counts, and direct SQL in a tenant's schema for hand-built data. */
@ApplicationScoped
public class TestTenants {

    private final TenantDirectory directory;
    private final TenantTransactions transactions;

    public TestTenants(TenantDirectory directory, TenantTransactions transactions) {
        this.directory = directory;
        this.transactions = transactions;
    }

    /** Creates a tenant through the createTenant mutation as a platform admin; returns its slug. */
    public static String create(String prefix, List<String> stages) {
        String raw = prefix + "-" + Long.toString(System.nanoTime(), 36);
        String slug = raw.substring(0, Math.min(40, raw.length()));
        Map<String, Object> input = new HashMap<>(Map.of("slug", slug, "name", "Test " + slug, "kind", "BRAND"));
        // CreateTenantInput.lifecycleStages comes out as [String!]! in the schema, so the defaults are passed explicitly
        input.put("lifecycleStages", stages != null ? stages : org.socialcrm.tenancy.LifecycleStageDefinition.DEFAULT_KEYS);
        GraphQLClient.as(Tokens.user().roles("platform-admin").sign())
                .ok("mutation($input: CreateTenantInput!) { createTenant(input: $input) { slug } }", Map.of("input", input));
        return slug;
    }

    /**
     * As {@link #create}, with the identity sequences of the new schema moved far up, so that its ids never name a
     * row of another tenant by accident (cross-tenant tests then prove isolation, not luck).
     */
    public String createIsolated(String prefix, List<String> stages) {
        String slug = create(prefix, stages);
        long start = 1_000_000_000L + (System.nanoTime() % 1_000_000L) * 1000;
        for (String table : List.of("contact", "social_identity", "lifecycle_transition", "campaign")) {
            sql(slug, "alter table " + table + " alter column id restart with " + start);
        }
        return slug;
    }

    public static GraphQLClient admin(String slug) {
        return GraphQLClient.as(Tokens.tenantUser(slug, "crm-admin")).tenant(slug);
    }

    /** Runs work in the tenant's transaction (search_path set), as the application would. */
    public <T> T inTenant(String slug, Function<SqlConnection, Uni<T>> work) {
        return directory.bySlug(slug).map(found -> new TenantScope(found.orElseThrow()))
                .chain(scope -> transactions.inTenant(scope, work)).await().indefinitely();
    }

    public void sql(String slug, String statement) {
        inTenant(slug, connection -> connection.query(statement).execute().replaceWithVoid());
    }
}
