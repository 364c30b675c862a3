package org.socialcrm.tenancy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;

/** Tenant lookups: existing tenants cached, unknown slugs remembered only up to a bound. */
@QuarkusTest
class TenantDirectoryTest {

    private static final int MAX_MISSES = 50;

    @Inject
    Pool pool;

    @Test
    void unknownSlugsCannotGrowTheCacheWithoutBound() {
        TenantDirectory directory = new TenantDirectory(pool, config(MAX_MISSES));
        for (int i = 0; i < 4 * MAX_MISSES; i++) {
            assertEquals(Optional.empty(), lookUp(directory, "no-such-tenant-" + i));
            assertTrue(directory.rememberedMisses() <= MAX_MISSES, "remembered misses: " + directory.rememberedMisses());
        }
        assertTrue(directory.rememberedMisses() > 0, "misses are remembered at all");
    }

    @Test
    void aTenantRemembersNoMissAndAnInvalidatedMissIsLookedUpAgain() {
        TenantDirectory directory = new TenantDirectory(pool, config(MAX_MISSES));
        assertEquals("lumen-cosmetics", lookUp(directory, "lumen-cosmetics").orElseThrow().slug());
        assertEquals(0, directory.rememberedMisses());
        assertEquals(Optional.empty(), lookUp(directory, "not-yet-a-tenant"));
        assertEquals(1, directory.rememberedMisses());
        directory.invalidate("not-yet-a-tenant");
        assertEquals(0, directory.rememberedMisses());
    }

    private static Optional<TenantRecord> lookUp(TenantDirectory directory, String slug) {
        return directory.bySlug(slug).await().atMost(Duration.ofSeconds(10));
    }

    private static TenancyConfig config(int maxMisses) {
        return new TenancyConfig() {
            @Override
            public String directory() {
                return "tenants";
            }

            @Override
            public int migrationParallelism() {
                return 1;
            }

            @Override
            public boolean migrateInOneTransaction() {
                return true;
            }

            @Override
            public Duration cacheTtl() {
                return Duration.ofMinutes(5);
            }

            @Override
            public int missCacheSize() {
                return maxMisses;
            }

            @Override
            public Duration statementTimeout() {
                return Duration.ofSeconds(5);
            }

            @Override
            public Duration reportStatementTimeout() {
                return Duration.ofSeconds(30);
            }
        };
    }
}
