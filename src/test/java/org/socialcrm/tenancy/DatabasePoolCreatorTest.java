package org.socialcrm.tenancy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.socialcrm.support.GraphQLClient;
import org.socialcrm.support.TestTenants;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/** Statements marked {@code /* cached *}{@code /} stay prepared on their connection; no other statement does. */
@QuarkusTest
class DatabasePoolCreatorTest {

    @Inject
    Pool pool;

    @Test
    void onlyMarkedStatementsStayPrepared() {
        String tenant = TestTenants.create("cached-statements");
        GraphQLClient admin = TestTenants.admin(tenant);
        admin.ok("mutation { createContact(input: { firstName: \"Ada\" }) { id } }");
        for (int i = 0; i < 30; i++) {
            admin.ok("{ contacts(first: 5) { edges { node { id displayName } } } }");
        }
        List<String> cached = new ArrayList<>();
        // the probes run on whichever pooled connections are idle; each lists its own session's prepared statements
        for (int i = 0; i < 40; i++) {
            for (Row row : pool.preparedQuery("select statement from pg_prepared_statements").execute().await().indefinitely()) {
                cached.add(row.getString(0));
            }
        }
        assertTrue(cached.stream().anyMatch(sql -> sql.startsWith(DatabasePoolCreator.CACHED + "select ") && sql.contains("array_agg(")),
                "the compiled read (the contacts page: an array_agg of its rows) stayed prepared on at least one connection");
        assertEquals(List.of(), cached.stream().filter(sql -> !sql.startsWith(DatabasePoolCreator.CACHED)).distinct().toList(),
                "no other statement is kept prepared");
    }
}
