package org.socialcrm.ingest;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.socialcrm.identity.InfluenceScores;
import org.socialcrm.common.BadUserInputException;
import org.socialcrm.common.Ids;
import org.socialcrm.common.Network;
import org.socialcrm.ops.Metrics;
import org.socialcrm.common.IngestRejection;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Partner metric push: validates every point on its own, resolves identities (by id or by network + handle) in one
 * query, then writes all good points with one set-based {@code insert ... select from unnest ... on conflict do
 * nothing returning}: what comes back was accepted, the other valid points were duplicates. A retried push never
 * doubles data. Identities that received followers, following, posts or engagement_rate points then get their
 * snapshot and influence score refreshed in the same transaction; other metrics are only stored.
 */
@ApplicationScoped
public class MetricIngest {

    /** Most points one request may carry (GraphQL and REST). */
    public static final int MAX_POINTS = 10_000;

    private final InfluenceScores scores;
    private final Metrics metrics;

    public MetricIngest(InfluenceScores scores, Metrics metrics) {
        this.scores = scores;
        this.metrics = metrics;
    }
    static final Pattern METRIC = Pattern.compile("[a-z][a-z0-9_.:-]{0,63}");

    /** A point that passed validation, before identity resolution. */
    private record Candidate(int index, Long identityId, Network network, String handle, String metric, OffsetDateTime observedAt,
            double value) {
    }

    /**
     * Ingests a batch; {@code preRejected} carries points the caller already refused (unparseable NDJSON lines),
     * by index, and those indexes may be null in {@code points}.
     */
    public Uni<IngestResult> ingest(SqlConnection connection, List<MetricPointInput> points, List<IngestRejection> preRejected,
            String source) {
        return validated(connection, points, preRejected, source)
                .invoke(result -> metrics.ingested(result.accepted(), result.duplicates(), result.rejected().size()));
    }

    private Uni<IngestResult> validated(SqlConnection connection, List<MetricPointInput> points, List<IngestRejection> preRejected,
            String source) {
        if (points.size() > MAX_POINTS) {
            throw new BadUserInputException("points", "at most " + MAX_POINTS + " points per request");
        }
        List<IngestRejection> rejected = new ArrayList<>(preRejected);
        List<Candidate> candidates = new ArrayList<>();
        OffsetDateTime latest = OffsetDateTime.now(ZoneOffset.UTC).plusDays(1);
        for (int i = 0; i < points.size(); i++) {
            MetricPointInput p = points.get(i);
            if (p == null) {
                continue;
            }
            String reason = validate(p, latest);
            if (reason != null) {
                rejected.add(new IngestRejection(i, reason));
                continue;
            }
            Long id = p.identityId() != null ? Ids.parse(p.identityId()) : null;
            candidates.add(new Candidate(i, id, p.network(), p.handle() == null ? null : normalizeHandle(p.handle()),
                    p.metric().trim(), p.observedAt(), p.value()));
        }
        if (candidates.isEmpty()) {
            return Uni.createFrom().item(result(0, 0, rejected));
        }
        return resolve(connection, candidates).chain(resolved -> {
            List<Candidate> ready = new ArrayList<>();
            List<Long> ids = new ArrayList<>();
            for (Candidate c : candidates) {
                Long id = c.identityId() != null ? resolved.byId.get(c.identityId())
                        : resolved.byHandle.get(c.network().name() + "\u0000" + c.handle());
                if (id == null) {
                    rejected.add(new IngestRejection(c.index(), "unknown identity"));
                } else {
                    ready.add(c);
                    ids.add(id);
                }
            }
            if (ready.isEmpty()) {
                return Uni.createFrom().item(result(0, 0, rejected));
            }
            Long[] identityIds = ids.toArray(new Long[0]);
            String[] metrics = ready.stream().map(Candidate::metric).toArray(String[]::new);
            OffsetDateTime[] times = ready.stream().map(c -> c.observedAt().withOffsetSameInstant(ZoneOffset.UTC))
                    .toArray(OffsetDateTime[]::new);
            Double[] values = ready.stream().map(Candidate::value).toArray(Double[]::new);
            return connection.preparedQuery("""
                    insert into metric_point (identity_id, metric, observed_at, value, source)
                    select p.identity_id, p.metric, p.observed_at, p.value, $5
                      from unnest($1::bigint[], $2::text[], $3::timestamptz[], $4::float8[]) as p(identity_id, metric, observed_at, value)
                    on conflict (identity_id, metric, observed_at) do nothing
                    returning identity_id, metric""")
                    .execute(Tuple.of(identityIds, metrics, times, values).addString(source))
                    .call(inserted -> scores.refresh(connection, influenceInputs(inserted)))
                    .map(inserted -> {
                        int accepted = inserted.rowCount();
                        return result(accepted, ready.size() - accepted, rejected);
                    });
        });
    }

    /**
     * The identities whose snapshot or influence score the accepted points can change: those that received a
     * followers, following, posts or engagement_rate point. Other metrics (likes, views, ...) are stored only.
     */
    private static long[] influenceInputs(RowSet<Row> inserted) {
        Set<Long> ids = new TreeSet<>();
        for (Row row : inserted) {
            if (InfluenceScores.SNAPSHOT_METRICS.contains(row.getString("metric"))) {
                ids.add(row.getLong("identity_id"));
            }
        }
        return ids.stream().mapToLong(Long::longValue).toArray();
    }

    static String validate(MetricPointInput p, OffsetDateTime latest) {
        boolean byId = p.identityId() != null;
        boolean byHandle = p.network() != null || p.handle() != null;
        if (byId && byHandle) {
            return "give identityId or network and handle, not both";
        }
        if (!byId && !byHandle) {
            return "identityId or network and handle are required";
        }
        if (byId && Ids.parse(p.identityId()) < 0) {
            return "identityId is not a valid id";
        }
        if (!byId && (p.network() == null || p.handle() == null || p.handle().isBlank() || p.handle().length() > 200)) {
            return "network and handle are both required";
        }
        if (p.metric() == null || !METRIC.matcher(p.metric().trim()).matches()) {
            return "metric must be 1-64 characters of a-z, 0-9, _ . : - starting with a letter";
        }
        if (p.observedAt() == null) {
            return "observedAt is required";
        }
        if (p.observedAt().isAfter(latest)) {
            return "observedAt is in the future";
        }
        if (p.observedAt().getYear() < 2000) {
            return "observedAt is before 2000";
        }
        if (p.value() == null || p.value().isNaN() || p.value().isInfinite()) {
            return "value must be a finite number";
        }
        return null;
    }

    /** Handles compare trimmed, without a leading @, lower case. */
    public static String normalizeHandle(String handle) {
        String h = handle.trim();
        if (h.startsWith("@")) {
            h = h.substring(1);
        }
        return h.toLowerCase(Locale.ROOT);
    }

    private static final class Resolved {
        final Map<Long, Long> byId = new HashMap<>();
        final Map<String, Long> byHandle = new HashMap<>();
    }

    private Uni<Resolved> resolve(SqlConnection connection, List<Candidate> candidates) {
        List<Long> ids = new ArrayList<>();
        List<String> networks = new ArrayList<>();
        List<String> handles = new ArrayList<>();
        for (Candidate c : candidates) {
            if (c.identityId() != null) {
                ids.add(c.identityId());
            } else {
                networks.add(c.network().name());
                handles.add(c.handle());
            }
        }
        return connection.preparedQuery("""
                select i.id, i.network, i.handle_normalized, true as by_id from social_identity i where i.id = any($1)
                union all
                select i.id, i.network, h.handle, false from social_identity i
                  join unnest($2::text[], $3::text[]) as h(network, handle)
                    on i.network = h.network
                   and (i.handle_normalized = h.handle or lower(ltrim(i.handle_normalized, '@')) = h.handle)""")
                .execute(Tuple.of(ids.toArray(new Long[0]), networks.toArray(new String[0]), handles.toArray(new String[0])))
                .map(rows -> {
                    Resolved resolved = new Resolved();
                    for (Row row : rows) {
                        if (row.getBoolean("by_id")) {
                            resolved.byId.put(row.getLong("id"), row.getLong("id"));
                        } else {
                            resolved.byHandle.put(row.getString("network") + "\u0000" + row.getString("handle_normalized"), row.getLong("id"));
                        }
                    }
                    return resolved;
                });
    }

    private static IngestResult result(int accepted, int duplicates, List<IngestRejection> rejected) {
        rejected.sort((a, b) -> Integer.compare(a.index(), b.index()));
        return new IngestResult(accepted, duplicates, List.copyOf(rejected));
    }
}
