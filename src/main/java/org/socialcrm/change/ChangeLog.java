package org.socialcrm.change;

import jakarta.enterprise.context.ApplicationScoped;

import org.socialcrm.security.CurrentActor;
import org.socialcrm.tenancy.DatabasePoolCreator;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Writes change rows into the tenant's outbox ({@code change}) in the caller's transaction, so a change is visible
 * to the feed, the subscriptions and the webhooks exactly when, and only if, the work commits. The same statement
 * queues one delivery per active webhook that listens to the type. {@code data} carries ids and the few values a
 * consumer needs (never personal data for {@code contact.erased}). The actor is the current request's caller, or
 * none (scheduled work).
 */
@ApplicationScoped
public class ChangeLog {

    /** One delivery per active webhook that listens to the type, for each change row {@code c} just written. */
    private static final String FAN_OUT = """
            insert into webhook_delivery (webhook_id, change_id, tx_id, subject_id)
            select w.id, c.id, c.tx_id, c.subject_id from c join webhook w on w.active and (c.type = any(w.events) or '*' = any(w.events))""";

    static final String INSERT = """
            with c as (
                insert into change (type, subject_id, actor, data)
                select $1, u.subject, $3, u.data from unnest($2::bigint[], $4::jsonb[]) with ordinality as u(subject, data, n)
                order by u.n
                returning id, tx_id, type, subject_id
            )
            """ + FAN_OUT;

    /** As {@link #INSERT}, with one {@code data} for every row ($4): sent and parsed once, not once a row. */
    static final String INSERT_SAME = """
            with c as (
                insert into change (type, subject_id, actor, data)
                select $1, u.subject, $3, $4::jsonb from unnest($2::bigint[]) with ordinality as u(subject, n)
                order by u.n
                returning id, tx_id, type, subject_id
            )
            """ + FAN_OUT;

    private final CurrentActor actors;
    private final boolean enabled;

    public ChangeLog(CurrentActor actors, ChangeConfig config) {
        this.actors = actors;
        this.enabled = config.outbox();
    }

    /** One change of one subject (a contact id, a sync run id, an import job id). */
    public Uni<Void> record(SqlConnection connection, String type, long subjectId, JsonObject data) {
        return recordAll(connection, type, new long[] { subjectId }, new JsonObject[] { data });
    }

    /** Changes of one type for many subjects (a batch), in one statement; {@code data[i]} belongs to {@code subjectIds[i]}. */
    public Uni<Void> recordAll(SqlConnection connection, String type, long[] subjectIds, JsonObject[] data) {
        if (subjectIds.length == 0 || !enabled) {
            return Uni.createFrom().voidItem();
        }
        Long[] subjects = new Long[subjectIds.length];
        JsonObject[] values = new JsonObject[subjectIds.length];
        for (int i = 0; i < subjectIds.length; i++) {
            subjects[i] = subjectIds[i];
            values[i] = data == null || data[i] == null ? new JsonObject() : data[i];
        }
        return connection.preparedQuery(DatabasePoolCreator.CACHED + INSERT).execute(Tuple.of(type, subjects, actors.subject(), values)).replaceWithVoid();
    }

    /**
     * A batch write and its changes in one statement: {@code write} is a writing statement whose {@code returning}
     * gives {@code subject_id} and {@code position} (the changes' order) and whatever {@code data}, an SQL expression
     * over its rows {@code written}, reads; its parameters are {@code args}. The data is built by the database from the rows
     * written, not sent back and forth. Without the outbox the write runs alone.
     */
    public Uni<Void> recordWith(SqlConnection connection, String type, String write, String data, Tuple args) {
        if (!enabled) {
            return connection.preparedQuery(DatabasePoolCreator.CACHED + write).execute(args).replaceWithVoid();
        }
        int next = args.size();
        String sql = "with written as (" + write + "), c as (insert into change (type, subject_id, actor, data) select $" + (next + 1)
                + "::text, written.subject_id, $" + (next + 2) + "::text, " + data + " from written order by written.position "
                + "returning id, tx_id, type, subject_id)\n" + FAN_OUT;
        Tuple all = Tuple.tuple();
        for (int i = 0; i < next; i++) {
            all.addValue(args.getValue(i));
        }
        return connection.preparedQuery(DatabasePoolCreator.CACHED + sql).execute(all.addValue(type).addValue(actors.subject()))
                .replaceWithVoid();
    }

    /** Changes of one type for many subjects that all carry the same {@code data} (a batch's {@code {"source": ...}}). */
    public Uni<Void> recordSame(SqlConnection connection, String type, long[] subjectIds, JsonObject data) {
        if (subjectIds.length == 0 || !enabled) {
            return Uni.createFrom().voidItem();
        }
        Long[] subjects = new Long[subjectIds.length];
        for (int i = 0; i < subjectIds.length; i++) {
            subjects[i] = subjectIds[i];
        }
        return connection.preparedQuery(DatabasePoolCreator.CACHED + INSERT_SAME)
                .execute(Tuple.of(type, subjects, actors.subject(), data == null ? new JsonObject() : data)).replaceWithVoid();
    }
}
