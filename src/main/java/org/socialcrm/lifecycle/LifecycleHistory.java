package org.socialcrm.lifecycle;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.socialcrm.common.BadUserInputException;
import org.socialcrm.common.NotFoundException;
import org.socialcrm.change.ChangeLog;
import org.socialcrm.change.ChangeTypes;
import org.socialcrm.contact.StageMoves;
import org.socialcrm.tenancy.TenantScope;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.Json;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/** Lifecycle moves and their history (lifecycle_transition), in the caller's tenant transaction. */
@ApplicationScoped
public class LifecycleHistory implements StageMoves {

    /** The order of a contact's history (unqualified columns, so any query over lifecycle_transition can use it). */
    public static final String HISTORY_ORDER = "occurred_at, id";

    static final int MAX_NOTE = 2000;
    /**
     * Notes are also bounded by their JSON size: 2,000 control characters escape to 12,000 bytes, and a note travels
     * as JSON (exports, the audit of a move). Events no longer carry it (they go through the outbox, not pg_notify).
     */
    static final int MAX_NOTE_JSON_BYTES = 6000;

    static final String INSERT = "insert into lifecycle_transition (contact_id, from_stage, to_stage, source, campaign_id, note) "
            + "values ($1, $2, $3, $4, $5, $6) returning *";

    private final ChangeLog changes;

    public LifecycleHistory(ChangeLog changes) {
        this.changes = changes;
    }

    /**
     * Records the stage a contact starts in (from_stage null, source 'created', like createContact does), for contacts
     * inserted by other paths (imports, partner ingest), in the same transaction. Publishes no event.
     */
    public Uni<Void> recordInitial(SqlConnection connection, long contactId, String stage) {
        return connection.preparedQuery(INSERT).execute(Tuple.tuple().addLong(contactId).addString(null).addString(stage)
                .addString("created").addLong(null).addString(null)).replaceWithVoid();
    }

    /**
     * Moves a contact to {@code stage}: updates the contact, records the transition and its lifecycle.changed change,
     * all in the caller's transaction. Backwards moves are allowed; a move to the stage the
     * contact is already in is BAD_USER_INPUT on {@code stage}.
     */
    @Override
    public Uni<LifecycleTransition> move(SqlConnection connection, TenantScope scope, long contactId, String stage,
            Long campaignId, String note, String source) {
        if (stage == null || !scope.tenant().stageKeys().contains(stage)) {
            return Uni.createFrom().failure(new BadUserInputException("stage", "unknown stage; this tenant's stages are "
                    + scope.tenant().stageKeys()));
        }
        if (note != null && (note.length() > MAX_NOTE
                || Json.encode(note).getBytes(StandardCharsets.UTF_8).length > MAX_NOTE_JSON_BYTES)) {
            return Uni.createFrom().failure(new BadUserInputException("note", "at most " + MAX_NOTE + " characters, and at most "
                    + MAX_NOTE_JSON_BYTES + " bytes as JSON (control characters take 6 bytes each)"));
        }
        return connection.preparedQuery("select lifecycle_stage from contact where id = $1 for update").execute(Tuple.of(contactId))
                .chain(rows -> {
                    if (!rows.iterator().hasNext()) {
                        throw new NotFoundException("No contact with this id.");
                    }
                    String current = rows.iterator().next().getString(0);
                    if (stage.equals(current)) {
                        throw new BadUserInputException("stage", "the contact is already in this stage");
                    }
                    return campaignExists(connection, campaignId).map(ignored -> current);
                })
                .chain(current -> connection.preparedQuery("update contact set lifecycle_stage = $2, updated_at = now() where id = $1")
                        .execute(Tuple.of(contactId, stage))
                        .chain(() -> connection.preparedQuery(INSERT).execute(Tuple.tuple().addLong(contactId).addString(current)
                                .addString(stage).addString(source).addLong(campaignId).addString(note))))
                .map(rows -> LifecycleTransition.of(rows.iterator().next()))
                .call(transition -> changes.record(connection, ChangeTypes.LIFECYCLE_CHANGED, contactId, new JsonObject()
                        .put("transitionId", transition.id()).put("fromStage", transition.fromStage()).put("toStage", transition.toStage())
                        .put("source", transition.source()).put("campaignId", campaignId == null ? null : campaignId.toString())));
    }

    /**
     * Moves many contacts at once (a batch of canvasses): {@code stages[i]} for {@code contactIds[i]}, the last move of a
     * contact winning; a contact already in its stage is left alone (no transition, no change). Stages must be the
     * tenant's (checked by the caller, refused here too); campaigns must exist. One statement for the moves, one for
     * their lifecycle.changed changes. The rows are locked in a subquery of the update, not in a CTE of their own:
     * Citus fails on a locking CTE that reads unnest(...) in this statement (docs/scale-out.md, rule 13).
     */
    public Uni<Void> moveAll(SqlConnection connection, TenantScope scope, long[] contactIds, String[] stages, Long[] campaignIds,
            String source) {
        if (contactIds.length == 0) {
            return Uni.createFrom().voidItem();
        }
        Long[] ids = new Long[contactIds.length];
        for (int i = 0; i < ids.length; i++) {
            if (!scope.tenant().stageKeys().contains(stages[i])) {
                return Uni.createFrom().failure(new BadUserInputException("stage", "unknown stage; this tenant's stages are "
                        + scope.tenant().stageKeys()));
            }
            ids[i] = contactIds[i];
        }
        return connection.preparedQuery("""
                with m as (select distinct on (u.c) u.c, u.t, u.camp from unnest($1::bigint[], $2::text[], $3::bigint[])
                           with ordinality u(c, t, camp, n) order by u.c, u.n desc),
                     up as (update contact c set lifecycle_stage = cur.t, updated_at = now()
                              from (select o.id, o.lifecycle_stage as f, m.t, m.camp from contact o join m on m.c = o.id
                                     where o.lifecycle_stage <> m.t for update of o) cur
                             where c.id = cur.id
                            returning c.id, cur.f, cur.t, cur.camp)
                insert into lifecycle_transition (contact_id, from_stage, to_stage, source, campaign_id)
                select id, f, t, $4, camp from up order by id
                returning id, contact_id, from_stage, to_stage, campaign_id""")
                .execute(Tuple.of(ids, stages, campaignIds, source))
                .chain(rows -> {
                    long[] moved = new long[rows.size()];
                    JsonObject[] data = new JsonObject[rows.size()];
                    int i = 0;
                    for (Row row : rows) {
                        moved[i] = row.getLong("contact_id");
                        Long campaignId = row.getLong("campaign_id");
                        data[i++] = new JsonObject().put("transitionId", row.getLong("id").toString())
                                .put("fromStage", row.getString("from_stage")).put("toStage", row.getString("to_stage")).put("source", source)
                                .put("campaignId", campaignId == null ? null : campaignId.toString());
                    }
                    return changes.recordAll(connection, ChangeTypes.LIFECYCLE_CHANGED, moved, data);
                });
    }

    private static Uni<Void> campaignExists(SqlConnection connection, Long campaignId) {
        if (campaignId == null) {
            return Uni.createFrom().voidItem();
        }
        return connection.preparedQuery("select 1 from campaign where id = $1").execute(Tuple.of(campaignId)).map(rows -> {
            if (!rows.iterator().hasNext()) {
                throw new NotFoundException("No campaign with this id.");
            }
            return null;
        });
    }

    /** Transitions by id, in the order of {@code ids}; erased ones are left out. */
    Uni<List<LifecycleTransition>> byIds(SqlConnection connection, List<Long> ids) {
        return connection.preparedQuery("select * from lifecycle_transition where id = any($1)").execute(Tuple.of(ids.toArray(Long[]::new)))
                .map(rows -> {
                    Map<Long, LifecycleTransition> byId = new HashMap<>();
                    rows.forEach(row -> byId.put(row.getLong("id"), LifecycleTransition.of(row)));
                    return ids.stream().map(byId::get).filter(t -> t != null).toList();
                });
    }

    /** The history of each contact, in the order of {@code contactIds}, each ordered by occurred_at then id. */
    public Uni<List<List<LifecycleTransition>>> byContacts(SqlConnection connection, List<Long> contactIds) {
        return connection.preparedQuery("select * from lifecycle_transition where contact_id = any($1) order by " + HISTORY_ORDER)
                .execute(Tuple.of(contactIds.toArray(Long[]::new))).map(rows -> {
                    Map<Long, List<LifecycleTransition>> byContact = new HashMap<>();
                    for (Row row : rows) {
                        LifecycleTransition transition = LifecycleTransition.of(row);
                        byContact.computeIfAbsent(transition.contactId(), k -> new ArrayList<>()).add(transition);
                    }
                    return contactIds.stream().map(id -> byContact.getOrDefault(id, List.of())).toList();
                });
    }
}
