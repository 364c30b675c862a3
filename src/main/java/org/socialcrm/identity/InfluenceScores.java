package org.socialcrm.identity;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.socialcrm.contact.ContactMergeStep;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Keeps the influence snapshot of identities up to date. Call {@link #refresh} after writing metric points
 * (connectors, partner ingest), in the same tenant transaction: it is set-based (four statements whatever the
 * number of identities).
 */
@ApplicationScoped
public class InfluenceScores implements ContactMergeStep {

    /** Metric names that feed the snapshot columns of social_identity. */
    public static final List<String> SNAPSHOT_METRICS = List.of("followers", "following", "posts", "engagement_rate");

    /** The latest point of each snapshot metric, one backward index probe per identity and metric. */
    static final String UPDATE_SNAPSHOT = """
            with latest as (
              select i.id as identity_id, k.metric, l.value, l.observed_at
              from unnest($1::bigint[]) as i(id)
              cross join unnest(array['followers', 'following', 'posts', 'engagement_rate']) as k(metric)
              join lateral (select m.value, m.observed_at from metric_point m
                            where m.identity_id = i.id and m.metric = k.metric
                            order by m.observed_at desc limit 1) l on true),
            snap as (
              select identity_id,
                     max(value) filter (where metric = 'followers') as followers,
                     max(value) filter (where metric = 'following') as following,
                     max(value) filter (where metric = 'posts') as posts,
                     max(value) filter (where metric = 'engagement_rate') as engagement_rate,
                     max(observed_at) as observed_at
              from latest group by identity_id)
            update social_identity s set
              followers = coalesce(round(snap.followers)::bigint, s.followers),
              following = coalesce(round(snap.following)::bigint, s.following),
              posts = coalesce(round(snap.posts)::bigint, s.posts),
              engagement_rate = coalesce(snap.engagement_rate, s.engagement_rate),
              last_synced_at = greatest(s.last_synced_at, snap.observed_at),
              updated_at = now()
            from snap where s.id = snap.identity_id""";

    /** Score inputs: snapshot, latest follower point and the earliest follower point of the 30 days before it. */
    static final String SCORE_INPUTS = """
            select s.id, s.contact_id, s.followers, s.engagement_rate, latest.value as latest_followers,
                   (select b.value from metric_point b
                    where b.identity_id = s.id and b.metric = 'followers'
                      and b.observed_at >= latest.observed_at - interval '30 days' and b.observed_at < latest.observed_at
                    order by b.observed_at asc limit 1) as base_followers
            from social_identity s
            left join lateral (select m.value, m.observed_at from metric_point m
                               where m.identity_id = s.id and m.metric = 'followers'
                               order by m.observed_at desc limit 1) latest on true
            where s.id = any($1)""";

    static final String UPDATE_SCORES = """
            update social_identity s set influence_score = u.score
            from unnest($1::bigint[], $2::float8[]) as u(id, score)
            where s.id = u.id and s.influence_score is distinct from u.score""";

    static final String UPDATE_CONTACTS = """
            update contact c set influence_score = best.score
            from (select id, (select max(s.influence_score) from social_identity s where s.contact_id = c2.id) as score
                    from contact c2 where c2.id = any($1)) as best
            where c.id = best.id and c.influence_score is distinct from best.score""";

    /**
     * Recomputes the snapshot fields (followers, following, posts, engagement_rate, last_synced_at) of these
     * identities from their latest metric points, their influence scores ({@link InfluenceScore}), and the
     * influence score of their contacts (the max over each contact's identities). Unknown ids are ignored.
     */
    public Uni<Void> refresh(SqlConnection connection, long[] identityIds) {
        if (identityIds == null || identityIds.length == 0) {
            return Uni.createFrom().voidItem();
        }
        Long[] ids = boxed(identityIds);
        return lockIdentities(connection, ids)
                .chain(() -> connection.preparedQuery(UPDATE_SNAPSHOT).execute(Tuple.of(ids)))
                .chain(() -> connection.preparedQuery(SCORE_INPUTS).execute(Tuple.of(ids)))
                .chain(rows -> {
                    List<Long> scoredIds = new ArrayList<>();
                    List<Double> scores = new ArrayList<>();
                    Set<Long> contactIds = new HashSet<>();
                    for (Row row : rows) {
                        scoredIds.add(row.getLong("id"));
                        contactIds.add(row.getLong("contact_id"));
                        scores.add(InfluenceScore.compute(row.getLong("followers"), row.getDouble("engagement_rate"),
                                InfluenceScore.growth(row.getDouble("base_followers"), row.getDouble("latest_followers"))));
                    }
                    if (scoredIds.isEmpty()) {
                        return Uni.createFrom().voidItem();
                    }
                    return connection.preparedQuery(UPDATE_SCORES)
                            .execute(Tuple.of(scoredIds.toArray(Long[]::new), scores.toArray(Double[]::new)))
                            .chain(() -> refreshContacts(connection, contactIds.stream().mapToLong(Long::longValue).toArray()));
                });
    }

    /** A merge's survivor takes the best score of the identities it now has. */
    @Override
    public Uni<Void> afterMerge(SqlConnection connection, long survivorId) {
        return refreshContacts(connection, new long[] { survivorId });
    }

    /** Sets each contact's influence score to the max over its identities (null when none is scored). */
    public Uni<Void> refreshContacts(SqlConnection connection, long[] contactIds) {
        if (contactIds == null || contactIds.length == 0) {
            return Uni.createFrom().voidItem();
        }
        Long[] ids = boxed(contactIds);
        return connection.preparedQuery("select id from contact where id = any($1) order by id for no key update").execute(Tuple.of(ids))
                .chain(() -> connection.preparedQuery(UPDATE_CONTACTS).execute(Tuple.of(ids))).replaceWithVoid();
    }

    /**
     * Locks the identities in id order before any of them is updated, so that concurrent pulls and pushes over
     * overlapping identities queue up instead of deadlocking. {@code for no key update} is the lock an update of
     * non-key columns takes: it queues refreshes behind each other but does not wait for the key-share locks that
     * the foreign-key checks of concurrent metric inserts hold (a plain {@code for update} does, and deadlocks).
     */
    public static Uni<Void> lockIdentities(SqlConnection connection, Long[] ids) {
        return connection.preparedQuery("select id from social_identity where id = any($1) order by id for no key update")
                .execute(Tuple.of(ids)).replaceWithVoid();
    }

    private static Long[] boxed(long[] values) {
        Long[] boxed = new Long[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = values[i];
        }
        return boxed;
    }
}
