package org.socialcrm.field;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.socialcrm.segment.Segment;
import org.socialcrm.segment.SegmentMembers;
import org.socialcrm.segment.SegmentRepository;
import org.socialcrm.tenancy.TenantScope;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * The one place field work calls the segment package (membership of a turf cut or a GOTV universe, a turf's
 * segment), so a change of how segments select their members touches this class only.
 */
@ApplicationScoped
public class FieldSegments {

    private final SegmentMembers members;
    private final SegmentRepository segments;

    public FieldSegments(SegmentMembers members, SegmentRepository segments) {
        this.members = members;
        this.segments = segments;
    }

    /** The segment's members (NOT_FOUND when there is no such segment). */
    public Uni<Long[]> members(SqlConnection connection, TenantScope scope, String segmentId) {
        return members.contactIds(connection, segmentId, scope.tenant().stageKeys());
    }

    /** Segments by id, in the order of {@code ids} (null where deleted). */
    public Uni<List<Segment>> byIds(SqlConnection connection, List<Long> ids) {
        return segments.list(connection).map(all -> {
            Map<String, Segment> byId = all.stream().collect(Collectors.toMap(Segment::id, Function.identity()));
            return ids.stream().map(id -> id == null ? null : byId.get(id.toString())).toList();
        });
    }
}
