package org.socialcrm.security;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Where {@link TenantRequests#mutate} writes each mutation's audit event, in the mutation's own transaction. The
 * audit feature implements it ({@code audit.AuditLog}), so security does not depend on a feature package.
 */
public interface AuditTrail {

    Uni<Void> record(SqlConnection connection, String actor, String action, String target, JsonObject details);
}
