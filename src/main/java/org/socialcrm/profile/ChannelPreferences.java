package org.socialcrm.profile;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.socialcrm.audit.AuditLog;
import org.socialcrm.change.ChangeLog;
import org.socialcrm.change.ChangeTypes;
import org.socialcrm.common.BadUserInputException;
import org.socialcrm.common.NotFoundException;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Writes per-channel consent, set-based for any number of contacts, and audits every change of status (channel,
 * before, after, source, legal basis: no personal data). The v1 consent flags follow the EMAIL and SMS channels.
 */
@ApplicationScoped
public class ChannelPreferences {

    static final int MAX_TEXT = 200;

    /**
     * Returns the changed rows: contact id, channel, previous status (null when new), new status. {@code before} is
     * materialized so that Citus, which runs the writing CTE as a step of its own, reads it first (docs/scale-out.md).
     */
    private static final String UPSERT = """
            with input as (
              select * from unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[]) u(contact_id, channel, status, source, legal_basis)
            ), before as materialized (
              select p.contact_id, p.channel, p.status from channel_preference p join input i using (contact_id, channel)
            ), written as (
              insert into channel_preference as p (contact_id, channel, status, source, legal_basis, updated_at)
              select contact_id, channel, status, source, legal_basis, now() from input
              on conflict (contact_id, channel) do update set status = excluded.status, source = excluded.source,
                legal_basis = excluded.legal_basis, updated_at = excluded.updated_at
              where (p.status, p.source, p.legal_basis) is distinct from (excluded.status, excluded.source, excluded.legal_basis)
              returning p.contact_id, p.channel, p.status, p.source, p.legal_basis
            ), flags as (
              update contact c set
                consent_email = coalesce((select w.status = 'OPTED_IN' from written w where w.contact_id = c.id and w.channel = 'EMAIL'), c.consent_email),
                consent_sms = coalesce((select w.status = 'OPTED_IN' from written w where w.contact_id = c.id and w.channel = 'SMS'), c.consent_sms),
                updated_at = now()
              where c.id in (select contact_id from written)
            )
            select w.contact_id, w.channel, b.status as before, w.status, w.source, w.legal_basis
            from written w left join before b using (contact_id, channel)""";

    private final AuditLog audit;
    private final ChangeLog changeLog;

    public ChannelPreferences(AuditLog audit, ChangeLog changeLog) {
        this.changeLog = changeLog;
        this.audit = audit;
    }

    public static void validate(String field, ChannelPreferenceInput input) {
        if (input.source() != null && input.source().length() > MAX_TEXT) {
            throw new BadUserInputException(field + ".source", "at most " + MAX_TEXT + " characters");
        }
        if (input.legalBasis() != null && input.legalBasis().length() > MAX_TEXT) {
            throw new BadUserInputException(field + ".legalBasis", "at most " + MAX_TEXT + " characters");
        }
    }

    /** One contact's preference; NOT_FOUND for an unknown contact. */
    public Uni<Void> set(SqlConnection connection, String actor, long contactId, ChannelPreferenceInput input) {
        validate("input", input);
        return connection.preparedQuery("select 1 from contact where id = $1 for update").execute(Tuple.of(contactId))
                .chain(rows -> {
                    if (!rows.iterator().hasNext()) {
                        throw new NotFoundException("No such contact.");
                    }
                    return write(connection, actor, new long[] { contactId }, List.of(input));
                });
    }

    /** Writes the given preferences (contactIds[i] gets inputs[i]) and audits what changed, in two statements. */
    public Uni<Void> write(SqlConnection connection, String actor, long[] contactIds, List<ChannelPreferenceInput> inputs) {
        // one row per (contact, channel): the last one given wins
        java.util.Map<String, Integer> last = new java.util.LinkedHashMap<>();
        for (int i = 0; i < contactIds.length; i++) {
            last.put(contactIds[i] + ":" + inputs.get(i).channel(), i);
        }
        if (last.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Long[] ids = last.values().stream().map(i -> contactIds[i]).toArray(Long[]::new);
        List<ChannelPreferenceInput> kept = last.values().stream().map(inputs::get).toList();
        return writeDistinct(connection, actor, ids, kept);
    }

    private Uni<Void> writeDistinct(SqlConnection connection, String actor, Long[] ids, List<ChannelPreferenceInput> inputs) {
        Tuple args = Tuple.of(ids, inputs.stream().map(p -> p.channel().name()).toArray(String[]::new),
                inputs.stream().map(p -> p.status().name()).toArray(String[]::new),
                inputs.stream().map(ChannelPreferenceInput::source).toArray(String[]::new),
                inputs.stream().map(ChannelPreferenceInput::legalBasis).toArray(String[]::new));
        return connection.preparedQuery(UPSERT).execute(args).chain(rows -> {
            if (rows.size() == 0) {
                return Uni.createFrom().voidItem();
            }
            JsonArray changes = new JsonArray();
            for (Row row : rows) {
                changes.add(new JsonObject().put("contactId", row.getLong("contact_id").toString()).put("channel", row.getString("channel"))
                        .put("before", row.getString("before")).put("after", row.getString("status"))
                        .put("source", row.getString("source")).put("legalBasis", row.getString("legal_basis")));
            }
            long[] contacts = new long[rows.size()];
            JsonObject[] data = new JsonObject[rows.size()];
            int i = 0;
            for (Row row : rows) {
                contacts[i] = row.getLong("contact_id");
                data[i++] = new JsonObject().put("channel", row.getString("channel")).put("status", row.getString("status"));
            }
            String target = rows.size() == 1 ? rows.iterator().next().getLong("contact_id").toString() : null;
            return audit.record(connection, actor, "consent.change", target, new JsonObject().put("changes", changes))
                    .chain(() -> changeLog.recordAll(connection, ChangeTypes.CONSENT_CHANGED, contacts, data));
        });
    }
}
