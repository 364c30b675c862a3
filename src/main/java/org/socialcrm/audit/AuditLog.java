package org.socialcrm.audit;

import jakarta.enterprise.context.ApplicationScoped;

import org.socialcrm.security.AuditTrail;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Writes audit events in the mutation's own transaction: actor, action, target id, and details that never hold
 * personal data (ids and field names only).
 */
@ApplicationScoped
public class AuditLog implements AuditTrail {

    @Override
    public Uni<Void> record(SqlConnection connection, String actor, String action, String target, JsonObject details) {
        return connection.preparedQuery("insert into audit_event (actor, action, target, details) values ($1, $2, $3, $4)")
                .execute(Tuple.of(actor, action, target, details))
                .replaceWithVoid();
    }
}
