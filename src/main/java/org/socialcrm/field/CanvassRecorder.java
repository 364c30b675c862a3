package org.socialcrm.field;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.socialcrm.common.Channel;
import org.socialcrm.change.ChangeLog;
import org.socialcrm.change.ChangeTypes;
import org.socialcrm.common.BadUserInputException;
import org.socialcrm.common.NotFoundException;
import org.socialcrm.common.ContactChannel;
import org.socialcrm.contact.ContactReachability;
import org.socialcrm.lifecycle.LifecycleHistory;
import org.socialcrm.tenancy.TenantScope;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Records canvasses, one or a batch, in the caller's transaction and set-based (a fixed number of statements whatever
 * the batch size): touchpoints, canvass rows, support levels, stage moves and canvass.recorded changes, applied in
 * occurredAt order. An input whose clientId is already recorded (a replayed offline batch) is answered with the stored
 * canvass and writes nothing.
 */
@ApplicationScoped
public class CanvassRecorder {

    private final ContactReachability reachability;
    private final LifecycleHistory lifecycle;
    private final ChangeLog changes;
    private final CanvassRepository canvasses;

    public CanvassRecorder(ContactReachability reachability, LifecycleHistory lifecycle, ChangeLog changes, CanvassRepository canvasses) {
        this.reachability = reachability;
        this.lifecycle = lifecycle;
        this.changes = changes;
        this.canvasses = canvasses;
    }

    /**
     * @param fieldWorker the subject of a confined caller (only its turfs' contacts and turfs), or null for any contact
     * @return the canvasses in the order of {@code inputs}
     */
    public Uni<List<CanvassResult>> record(SqlConnection connection, TenantScope scope, List<CanvassCheck.Checked> inputs, String actor,
            String fieldWorker) {
        Long[] contactIds = inputs.stream().map(CanvassCheck.Checked::contactId).distinct().sorted().toArray(Long[]::new);
        String[] clientIds = inputs.stream().map(CanvassCheck.Checked::clientId).filter(id -> id != null).toArray(String[]::new);
        // lock the contacts first: a concurrent replay of the same batch waits here, then sees this one's client ids
        return connection.preparedQuery("select c.id, " + (fieldWorker == null ? "true" : TurfContactVisibility.TURF_CONTACTS.replace("?", "$2"))
                + " as visible from contact c where c.id = any($1) order by c.id for update")
                .execute(fieldWorker == null ? Tuple.of(contactIds) : Tuple.of(contactIds, fieldWorker))
                .chain(locked -> {
                    Set<Long> visible = new HashSet<>();
                    locked.forEach(row -> {
                        if (row.getBoolean("visible")) {
                            visible.add(row.getLong("id"));
                        }
                    });
                    return connection.preparedQuery("select id, client_id, contact_id from canvass where client_id = any($1)")
                            .execute(Tuple.of((Object) clientIds)).chain(existing -> {
                                Map<String, Row> recorded = new HashMap<>();
                                existing.forEach(row -> recorded.put(row.getString("client_id"), row));
                                Long[] resultIds = new Long[inputs.size()];
                                List<CanvassCheck.Checked> fresh = new ArrayList<>();
                                for (CanvassCheck.Checked input : inputs) {
                                    Row replay = input.clientId() == null ? null : recorded.get(input.clientId());
                                    if (replay != null) {
                                        if (replay.getLong("contact_id") != input.contactId()) {
                                            throw new BadUserInputException(input.field("clientId"), "is already used by another canvass");
                                        }
                                        resultIds[input.index()] = replay.getLong("id");
                                    } else if (!visible.contains(input.contactId())) {
                                        throw new NotFoundException("No such contact (" + input.field("contactId") + ").");
                                    } else {
                                        fresh.add(input);
                                    }
                                }
                                fresh.sort(Comparator.comparing(CanvassCheck.Checked::occurredAt).thenComparingInt(CanvassCheck.Checked::index));
                                return write(connection, scope, fresh, actor, fieldWorker, resultIds)
                                        .chain(() -> canvasses.byIds(connection, List.of(resultIds)));
                            });
                });
    }

    /** Writes the new canvasses (in occurredAt order) and puts their ids into {@code resultIds}. */
    private Uni<Void> write(SqlConnection connection, TenantScope scope, List<CanvassCheck.Checked> fresh, String actor, String fieldWorker,
            Long[] resultIds) {
        if (fresh.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = fresh.size();
        return references(connection, fresh, fieldWorker)
                .chain(() -> reachability.requireAll(connection, fresh.stream().mapToLong(CanvassCheck.Checked::contactId).toArray(),
                        fresh.stream().map(c -> c.channel() == Channel.PHONE ? ContactChannel.PHONE : ContactChannel.CANVASS)
                                .toArray(ContactChannel[]::new),
                        fresh.stream().map(c -> c.field("contactId")).toArray(String[]::new)))
                .chain(() -> connection.preparedQuery("select nextval(pg_get_serial_sequence('touchpoint', 'id')), "
                        + "nextval(pg_get_serial_sequence('canvass', 'id')) from generate_series(1, $1) g order by g").execute(Tuple.of(n)))
                .chain(ids -> {
                    Long[] touchpointIds = new Long[n];
                    Long[] canvassIds = new Long[n];
                    int i = 0;
                    for (Row row : ids) {
                        touchpointIds[i] = row.getLong(0);
                        canvassIds[i++] = row.getLong(1);
                    }
                    for (int k = 0; k < n; k++) {
                        resultIds[fresh.get(k).index()] = canvassIds[k];
                    }
                    return supportLevels(connection, fresh)
                            .chain(() -> insert(connection, fresh, touchpointIds, canvassIds, actor))
                            .chain(() -> moves(connection, scope, fresh))
                            .chain(() -> changes.recordAll(connection, ChangeTypes.CANVASS_RECORDED,
                                    fresh.stream().mapToLong(CanvassCheck.Checked::contactId).toArray(), changeData(fresh, touchpointIds, canvassIds)));
                });
    }

    /** Campaigns must exist; turfs too, and for a field worker they must be its own. NOT_FOUND otherwise. */
    private static Uni<Void> references(SqlConnection connection, List<CanvassCheck.Checked> fresh, String fieldWorker) {
        Long[] campaigns = fresh.stream().map(CanvassCheck.Checked::campaignId).filter(id -> id != null).distinct().toArray(Long[]::new);
        Long[] turfs = fresh.stream().map(CanvassCheck.Checked::turfId).filter(id -> id != null).distinct().toArray(Long[]::new);
        if (campaigns.length == 0 && turfs.length == 0) {
            return Uni.createFrom().voidItem();
        }
        return connection.preparedQuery("select (select count(*) from campaign where id = any($1)), "
                + "(select count(*) from turf where id = any($2) and ($3::text is null or assignee = $3))")
                .execute(Tuple.of(campaigns, turfs, fieldWorker)).invoke(rows -> {
                    Row row = rows.iterator().next();
                    if (row.getLong(0) != campaigns.length) {
                        throw new NotFoundException("No such campaign.");
                    }
                    if (row.getLong(1) != turfs.length) {
                        throw new NotFoundException("No such turf.");
                    }
                }).replaceWithVoid();
    }

    /** Each contact takes the support level of its latest canvass that gives one, unless a later one is already recorded. */
    private static Uni<Void> supportLevels(SqlConnection connection, List<CanvassCheck.Checked> fresh) {
        List<CanvassCheck.Checked> leveled = fresh.stream().filter(c -> c.supportLevel() != null).toList();
        if (leveled.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return connection.preparedQuery("update contact c set support_level = x.level, updated_at = now() from ("
                + "select distinct on (u.id) u.id, u.level, u.at from unnest($1::bigint[], $2::int[], $3::timestamptz[]) with ordinality "
                + "u(id, level, at, n) order by u.id, u.n desc) x where c.id = x.id and not exists (select 1 from canvass k "
                + "where k.contact_id = x.id and k.support_level is not null and k.occurred_at > x.at)")
                .execute(Tuple.of(leveled.stream().map(CanvassCheck.Checked::contactId).toArray(Long[]::new),
                        leveled.stream().map(CanvassCheck.Checked::supportLevel).toArray(Integer[]::new),
                        leveled.stream().map(CanvassCheck.Checked::occurredAt).toArray(java.time.OffsetDateTime[]::new)))
                .replaceWithVoid();
    }

    private static Uni<Void> insert(SqlConnection connection, List<CanvassCheck.Checked> fresh, Long[] touchpointIds, Long[] canvassIds,
            String actor) {
        int n = fresh.size();
        Long[] contacts = new Long[n];
        Long[] campaigns = new Long[n];
        Long[] turfs = new Long[n];
        String[] channels = new String[n];
        String[] outcomes = new String[n];
        Integer[] levels = new Integer[n];
        String[] answers = new String[n];
        String[] notes = new String[n];
        String[] clientIds = new String[n];
        String[] sources = new String[n];
        java.time.OffsetDateTime[] at = new java.time.OffsetDateTime[n];
        for (int i = 0; i < n; i++) {
            CanvassCheck.Checked c = fresh.get(i);
            contacts[i] = c.contactId();
            campaigns[i] = c.campaignId();
            turfs[i] = c.turfId();
            channels[i] = c.channel().name();
            outcomes[i] = c.outcome().name();
            levels[i] = c.supportLevel();
            answers[i] = c.answers();
            notes[i] = c.note();
            clientIds[i] = c.clientId();
            at[i] = c.occurredAt();
            sources[i] = new JsonObject().put("canvassId", canvassIds[i].toString()).put("outcome", outcomes[i]).encode();
        }
        return connection.preparedQuery("insert into touchpoint (id, contact_id, campaign_id, channel, occurred_at, source) overriding system value "
                + "select i, c, camp, ch, at, s::jsonb from unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::text[], $5::timestamptz[], "
                + "$6::text[]) u(i, c, camp, ch, at, s) order by i")
                .execute(Tuple.of(touchpointIds, contacts, campaigns, channels, at, sources))
                .chain(() -> connection.preparedQuery("insert into canvass (id, contact_id, touchpoint_id, turf_id, campaign_id, outcome, "
                        + "channel, support_level, answers, note, recorded_by, occurred_at, client_id) overriding system value "
                        + "select i, c, tp, tu, camp, o, ch, l, a::jsonb, nt, $13, at, cl from unnest($1::bigint[], $2::bigint[], $3::bigint[], "
                        + "$4::bigint[], $5::bigint[], $6::text[], $7::text[], $8::int[], $9::text[], $10::text[], $11::timestamptz[], "
                        + "$12::text[]) u(i, c, tp, tu, camp, o, ch, l, a, nt, at, cl) order by i")
                        .execute(Tuple.tuple(List.of(canvassIds, contacts, touchpointIds, turfs, campaigns, outcomes, channels, levels, answers,
                                notes, at, clientIds, actor))))
                .replaceWithVoid();
    }

    private Uni<Void> moves(SqlConnection connection, TenantScope scope, List<CanvassCheck.Checked> fresh) {
        List<CanvassCheck.Checked> moving = fresh.stream().filter(c -> c.moveToStage() != null).toList();
        return lifecycle.moveAll(connection, scope, moving.stream().mapToLong(CanvassCheck.Checked::contactId).toArray(),
                moving.stream().map(CanvassCheck.Checked::moveToStage).toArray(String[]::new),
                moving.stream().map(CanvassCheck.Checked::campaignId).toArray(Long[]::new), "canvass");
    }

    private static JsonObject[] changeData(List<CanvassCheck.Checked> fresh, Long[] touchpointIds, Long[] canvassIds) {
        JsonObject[] data = new JsonObject[fresh.size()];
        for (int i = 0; i < data.length; i++) {
            CanvassCheck.Checked c = fresh.get(i);
            data[i] = new JsonObject().put("canvassId", canvassIds[i].toString()).put("touchpointId", touchpointIds[i].toString())
                    .put("outcome", c.outcome().name()).put("channel", c.channel().name())
                    .put("turfId", c.turfId() == null ? null : c.turfId().toString());
        }
        return data;
    }
}
