package org.socialcrm.segment;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.socialcrm.common.ContactChannel;
import org.socialcrm.common.Ids;
import org.socialcrm.security.Permission;
import org.socialcrm.security.TenantRequests;
import org.socialcrm.targeting.Reachability;
import org.socialcrm.targeting.RuleCompiler;
import org.socialcrm.targeting.SegmentRuleInput;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;

/** Reads for a segment builder: how many a rule selects, and how a segment's members can be reached. */
@GraphQLApi
public class TargetingGraphQLApi {

    private final TenantRequests requests;
    private final RuleCompiler rules;

    public TargetingGraphQLApi(TenantRequests requests, RuleCompiler rules) {
        this.requests = requests;
        this.rules = rules;
    }

    @Query("segmentPreview")
    @Description("How many contacts a rule selects, without saving it (for a segment builder UI).")
    public Uni<@NonNull Integer> segmentPreview(@NonNull @Name("rule") SegmentRuleInput rule) {
        return requests.run(Permission.READ, (scope, c) -> rules.compile(c, scope.tenant().stageKeys(), rule, "rule")
                .chain(members -> c.preparedQuery("select count(*) from contact c where " + members.numbered(0)).execute(members.tuple()))
                .map(rows -> (int) Math.min(Integer.MAX_VALUE, rows.iterator().next().getLong(0))));
    }

    @Query("segmentReach")
    @Description("How many members of a segment each channel reaches, and how many prefer it.")
    public Uni<@NonNull List<@NonNull ChannelReach>> segmentReach(@Id @NonNull @Name("segmentId") String segmentId) {
        return requests.run(Permission.READ, (scope, c) -> rules.segment(c, scope.tenant().stageKeys(), Ids.parse(segmentId, "segmentId"))
                .chain(members -> c.preparedQuery(reachSql() + members.numbered(0)).execute(members.tuple()))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    List<ChannelReach> out = new ArrayList<>();
                    for (ContactChannel channel : ContactChannel.values()) {
                        int column = 2 * channel.ordinal();
                        out.add(new ChannelReach(channel, row.getLong(column).intValue(), row.getLong(column + 1).intValue()));
                    }
                    return out;
                }));
    }

    /** One pass over the members: two counts per channel, in the order of ContactChannel. */
    private static String reachSql() {
        List<String> counts = new ArrayList<>();
        for (ContactChannel channel : ContactChannel.values()) {
            counts.add("count(*) filter (where " + Reachability.reachable(channel) + ")");
            counts.add("count(*) filter (where " + Reachability.preferring(channel) + ")");
        }
        return "select " + String.join(", ", counts) + " from contact c where ";
    }
}
