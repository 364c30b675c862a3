package org.socialcrm.tenancy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

@QuarkusTest
class TenantTransactionsTest {

    @Inject
    TenantTransactions transactions;
    @Inject
    TenantDirectory directory;
    @Inject
    Pool pool;

    @Test
    void tenantWorkWithoutATenantFailsBeforeTouchingAnySchema() {
        AtomicBoolean ran = new AtomicBoolean();
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> transactions.inTenant(null, connection -> {
                    ran.set(true);
                    return Uni.createFrom().item(1);
                }).await().atMost(Duration.ofSeconds(10)));
        assertFalse(ran.get());
        assertEquals("Tenant work attempted without a resolved tenant", failure.getMessage());
        assertThrows(IllegalStateException.class, () -> new TenantScope(null));
    }

    @Test
    void searchPathIsTransactionLocal() {
        TenantScope lumen = new TenantScope(directory.bySlug("lumen-cosmetics").await().indefinitely().orElseThrow());
        String inside = transactions.inTenant(lumen, c -> c.query("show search_path").execute()
                .map(rows -> rows.iterator().next().getString(0))).await().indefinitely();
        assertEquals("t_lumen_cosmetics", inside);
        // every pooled connection is back on the default path afterwards
        for (int i = 0; i < 25; i++) {
            String outside = pool.query("show search_path").execute().map(rows -> rows.iterator().next().getString(0))
                    .await().indefinitely();
            assertEquals("\"$user\", public", outside);
        }
    }
}
