package org.socialcrm.segment;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.socialcrm.common.Ids;
import org.socialcrm.targeting.RuleCompiler;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * The contacts of a segment as an id array, for reports that restrict themselves to a segment (funnel,
 * influencer impact): pass the result as an {@code = any($n)} parameter. NOT_FOUND for an unknown segment.
 */
@ApplicationScoped
public class SegmentMembers {

    private final RuleCompiler rules;

    public SegmentMembers(RuleCompiler rules) {
        this.rules = rules;
    }

    public Uni<Long[]> contactIds(SqlConnection connection, String segmentId, List<String> stages) {
        return rules.segment(connection, stages, Ids.parse(segmentId)).chain(members -> connection
                .preparedQuery("select c.id from contact c where " + members.numbered(0)).execute(members.tuple()).map(rows -> {
                    Long[] ids = new Long[rows.size()];
                    int i = 0;
                    for (var row : rows) {
                        ids[i++] = row.getLong(0);
                    }
                    return ids;
                }));
    }
}
