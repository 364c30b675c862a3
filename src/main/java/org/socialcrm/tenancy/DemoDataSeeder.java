package org.socialcrm.tenancy;

import java.util.List;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Tuple;

/** Dev mode only: a few demo contacts in each demo tenant whose contact table is empty. */
@Singleton
@IfBuildProfile("dev")
public class DemoDataSeeder {

    private static final Logger LOG = Logger.getLogger(DemoDataSeeder.class);
    private static final List<String[]> PEOPLE = List.of(
            new String[] { "Maya", "Lopez", "maya.lopez@example.com", "Lyon", "FR", "vip" },
            new String[] { "Jonas", "Berg", "jonas.berg@example.com", "Berlin", "DE", "newsletter" },
            new String[] { "Aisha", "Khan", "aisha.khan@example.com", "London", "GB", "vip" },
            new String[] { "Lucas", "Silva", "lucas.silva@example.com", "Porto", "PT", "event" },
            new String[] { "Emma", "Novak", "emma.novak@example.com", "Prague", "CZ", "newsletter" });

    private final TenantDirectory directory;
    private final TenantTransactions transactions;

    public DemoDataSeeder(TenantDirectory directory, TenantTransactions transactions) {
        this.directory = directory;
        this.transactions = transactions;
    }

    void seed(@Observes @Priority(20) StartupEvent event) {
        for (String slug : List.of("acme-outdoor", "bluepeak-coffee", "lumen-cosmetics", "greenway-2026")) {
            directory.bySlug(slug).await().indefinitely().ifPresent(tenant -> {
                String stage = tenant.stageKeys().get(0);
                int seeded = transactions.inTenant(new TenantScope(tenant), c -> c.query("select count(*) from contact").execute()
                        .chain(rows -> {
                            if (rows.iterator().next().getLong(0) > 0) {
                                return io.smallrye.mutiny.Uni.createFrom().item(0);
                            }
                            return c.preparedQuery("with p as (insert into contact (display_name, first_name, last_name, email, city, country, "
                                    + "tags, attributes, lifecycle_stage) values ($1 || ' ' || $2, $1, $2, $3, $4, $5, array[$6], $7, $8) returning id, lifecycle_stage) "
                                    + "insert into lifecycle_transition (contact_id, to_stage, source) select id, lifecycle_stage, 'created' from p")
                                    .executeBatch(PEOPLE.stream().map(p -> Tuple.of(p[0], p[1], p[2], p[3], p[4], p[5])
                                            .addValue(new JsonObject().put("demo", true)).addString(stage)).toList())
                                    .map(ignored -> PEOPLE.size());
                        })).await().indefinitely();
                if (seeded > 0) {
                    LOG.infof("Seeded %d demo contacts into %s", seeded, slug);
                }
            });
        }
        LOG.info("Dev sign-in: TOKEN=$(curl -s 'localhost:8080/dev/token?persona=brand-admin') "
                + "then call /graphql with 'Authorization: Bearer $TOKEN' and 'X-Tenant-ID: lumen-cosmetics'");
    }
}
