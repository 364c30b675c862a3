package org.socialcrm.audit;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.socialcrm.common.Cursor;
import org.socialcrm.common.CursorKey;
import org.socialcrm.common.Ids;
import org.socialcrm.common.JsonValues;
import org.socialcrm.common.PageInfo;
import org.socialcrm.common.PageSize;
import org.socialcrm.security.Permission;
import org.socialcrm.security.TenantRequests;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

@GraphQLApi
public class AuditGraphQLApi {

    private final TenantRequests requests;

    public AuditGraphQLApi(TenantRequests requests) {
        this.requests = requests;
    }

    @Query("auditEvents")
    public Uni<@NonNull AuditEventConnection> auditEvents(@DefaultValue("50") Integer first, String after) {
        return requests.run(Permission.READ_AUDIT, connection -> {
            int size = PageSize.check(first, 50);
            Cursor cursor = after == null ? null : Cursor.decode(after, "audit", CursorKey.TIMESTAMP);
            String sql = "select *, at::text as sort_key from audit_event "
                    + (cursor == null ? "" : "where (at, id) < ($2::text::timestamptz, $3) ") + "order by at desc, id desc limit $1";
            Tuple params = cursor == null ? Tuple.of(size + 1) : Tuple.of(size + 1, cursor.sortKey(), cursor.id());
            Uni<Integer> total = connection.query("select count(*) from audit_event").execute()
                    .map(rows -> rows.iterator().next().getLong(0).intValue());
            return total.chain(count -> connection.preparedQuery(sql).execute(params).map(rows -> {
                List<AuditEventEdge> edges = new ArrayList<>();
                boolean more = false;
                for (Row row : rows) {
                    if (edges.size() == size) {
                        more = true;
                        break;
                    }
                    Object details = row.getValue("details");
                    edges.add(new AuditEventEdge(new Cursor("audit", row.getString("sort_key"), row.getLong("id")).encode(),
                            new AuditEvent(Ids.of(row.getLong("id")), row.getOffsetDateTime("at"), row.getString("actor"),
                                    row.getString("action"), row.getString("target"), details == null ? null : JsonValues.toJsonP(details))));
                }
                return new AuditEventConnection(edges, new PageInfo(more, edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor()), count);
            }));
        });
    }
}
