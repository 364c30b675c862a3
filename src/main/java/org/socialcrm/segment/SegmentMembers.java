package org.socialcrm.segment;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.socialcrm.contact.ContactFilters;
import org.socialcrm.contact.ContactQuery;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * The contacts of a segment as an id array, for reports that restrict themselves to a segment (funnel,
 * influencer impact): pass the result as an {@code = any($n)} parameter.
 */
@ApplicationScoped
public class SegmentMembers {

    private final SegmentRepository segments;

    public SegmentMembers(SegmentRepository segments) {
        this.segments = segments;
    }

    public Uni<Long[]> contactIds(SqlConnection connection, String segmentId, List<String> stages) {
        return segments.criteria(connection, segmentId).chain(criteria -> {
            ContactQuery.Statement statement = ContactFilters.apply(new ContactQuery(null), criteria, stages, "segment.").ids();
            return connection.preparedQuery(statement.sql()).execute(statement.params()).map(rows -> {
                Long[] ids = new Long[rows.size()];
                int i = 0;
                for (var row : rows) {
                    ids[i++] = row.getLong(0);
                }
                return ids;
            });
        });
    }
}
