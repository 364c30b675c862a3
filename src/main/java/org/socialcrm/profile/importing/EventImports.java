package org.socialcrm.profile.importing;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.socialcrm.change.ChangeLog;
import org.socialcrm.change.ChangeTypes;
import org.socialcrm.common.ApiException;
import org.socialcrm.profile.MatchKey;
import org.socialcrm.profile.UpsertOutcome;
import org.socialcrm.profile.UpsertOutcomeKind;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Applies a batch of staged touchpoints or conversions in the job's transaction, set-based: ONE statement finds each
 * row's contact (external id, email, handle, in the order of matchOn, on the unique indexes), checks the campaign,
 * the influencer and, for touchpoints, the contact's consent (doNotContact, an opted-out channel: rejected, nothing
 * written), and inserts the rows that pass ({@code on conflict} on the import key: a row written before is UNCHANGED);
 * one more statement writes their changes. Outcomes: CREATED, UNCHANGED or REJECTED with the reason.
 */
@ApplicationScoped
public class EventImports {

    static final List<MatchKey> MATCH_KEYS = List.of(MatchKey.EXTERNAL_ID, MatchKey.EMAIL, MatchKey.SOCIAL_HANDLE);
    static final String NO_CONTACT = "contact: no contact matches the row's external id, email or handle";

    /** Rows, their contact by precedence ($16-$18: the rank of each key kind), and why a row cannot be written. */
    private static final String RESOLVE = """
            with r as (
              select * from unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bigint[], $8::text[],
                                   $9::text[], $10::bigint[], $11::text[], $12::text[], $13::timestamptz[], $14::text[], $15::float8[], $16::text[])
                u(n, ext_system, ext_value, email, network, handle, campaign_id, channel, consent_channel, influencer_id,
                  influencer_network, influencer_handle, occurred_at, event_id, value, stage)
            ), m as (
              select r.*, k.contact_id, c.do_not_contact, p.status as consent,
                     r.campaign_id is null or exists (select 1 from campaign g where g.id = r.campaign_id) as campaign_ok,
                     case when r.influencer_id is not null then (select s.id from social_identity s where s.id = r.influencer_id)
                          when r.influencer_handle is not null then (select s.id from social_identity s
                            where s.network = r.influencer_network and s.handle_normalized = r.influencer_handle order by s.id limit 1)
                     end as influencer
              from r
              left join lateral (
                select x.contact_id from (
                  select e.contact_id, $17::int as rank from contact_external_id e where e.system = r.ext_system and e.value = r.ext_value
                  union all select e.contact_id, $18::int from contact_email e where e.address_norm = r.email
                  union all select s.contact_id, $19::int from social_identity s where s.network = r.network and s.handle_normalized = r.handle
                ) x order by x.rank limit 1
              ) k on true
              left join contact c on c.id = k.contact_id
              left join channel_preference p on p.contact_id = c.id and p.channel = r.consent_channel
            )
            select m.*, case
                when m.contact_id is null then '%1$s'
                when m.channel is not null and m.do_not_contact then 'channel: the contact asked not to be contacted (doNotContact)'
                when m.consent = 'OPTED_OUT' then 'channel: the contact opted out of ' || m.consent_channel
                when not m.campaign_ok then 'campaignId: campaign not found'
                when (m.influencer_id is not null or m.influencer_handle is not null) and m.influencer is null
                  then 'influencer: social identity not found'
              end as reason,
              case when m.event_id is not null then 'e:' || m.event_id
                   when m.occurred_at is not null then 'h:' || md5(concat_ws('|', m.contact_id, m.campaign_id, m.channel, m.influencer,
                        extract(epoch from m.occurred_at), m.value, m.stage))
                   else 'u:' || gen_random_uuid()
              end as import_key
            from m order by m.n""".formatted(NO_CONTACT.replace("'", "''"));

    private final ChangeLog changes;

    public EventImports(ChangeLog changes) {
        this.changes = changes;
    }

    /** Outcomes of the batch, one per staged payload, in the order of {@code lines}. */
    public Uni<List<UpsertOutcome>> apply(SqlConnection connection, ImportKind kind, List<String> stages, List<Integer> lines,
            List<JsonObject> payloads, List<MatchKey> matchOn) {
        Map<Integer, UpsertOutcome> outcomes = new HashMap<>();
        List<EventRow> rows = new ArrayList<>();
        for (int i = 0; i < payloads.size(); i++) {
            try {
                rows.add(EventRow.parse(lines.get(i), kind, payloads.get(i), matchOn, stages));
            } catch (ApiException e) {
                outcomes.put(lines.get(i), rejected(lines.get(i), e.getMessage()));
            }
        }
        if (rows.isEmpty()) {
            return Uni.createFrom().item(lines.stream().map(outcomes::get).toList());
        }
        return connection.preparedQuery(RESOLVE).execute(resolveArgs(rows, matchOn))
                .chain(resolved -> write(connection, kind, rows, resolved, outcomes))
                .map(done -> lines.stream().map(outcomes::get).toList());
    }

    private static Tuple resolveArgs(List<EventRow> rows, List<MatchKey> matchOn) {
        int n = rows.size();
        Integer[] index = new Integer[n];
        String[][] text = new String[11][n];
        Long[] campaign = new Long[n];
        Long[] influencer = new Long[n];
        OffsetDateTime[] occurred = new OffsetDateTime[n];
        Double[] value = new Double[n];
        for (int i = 0; i < n; i++) {
            EventRow row = rows.get(i);
            index[i] = i;
            text[0][i] = row.externalSystem();
            text[1][i] = row.externalValue();
            text[2][i] = row.email();
            text[3][i] = row.network();
            text[4][i] = row.handle();
            text[5][i] = row.channel();
            text[6][i] = row.consentChannel();
            text[7][i] = row.influencerNetwork();
            text[8][i] = row.influencerHandle();
            text[9][i] = row.eventId();
            text[10][i] = row.stage();
            campaign[i] = row.campaignId();
            influencer[i] = row.influencerId();
            occurred[i] = row.occurredAt();
            value[i] = row.value();
        }
        return Tuple.tuple(List.of(index, text[0], text[1], text[2], text[3], text[4], campaign, text[5], text[6], influencer, text[7],
                text[8], occurred, text[9], value, text[10], rank(matchOn, MatchKey.EXTERNAL_ID), rank(matchOn, MatchKey.EMAIL),
                rank(matchOn, MatchKey.SOCIAL_HANDLE)));
    }

    private static int rank(List<MatchKey> matchOn, MatchKey key) {
        int at = matchOn.indexOf(key);
        return at < 0 ? Integer.MAX_VALUE : at;
    }

    private Uni<Void> write(SqlConnection connection, ImportKind kind, List<EventRow> rows, Iterable<Row> resolved,
            Map<Integer, UpsertOutcome> outcomes) {
        List<Integer> ok = new ArrayList<>();
        List<Long> contacts = new ArrayList<>();
        List<Long> influencers = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (Row r : resolved) {
            EventRow row = rows.get(r.getInteger("n"));
            String reason = r.getString("reason");
            if (reason != null) {
                outcomes.put(row.line(), rejected(row.line(), reason));
                continue;
            }
            ok.add(r.getInteger("n"));
            contacts.add(r.getLong("contact_id"));
            influencers.add(r.getLong("influencer"));
            keys.add(r.getString("import_key"));
        }
        if (ok.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = ok.size();
        Long[] campaign = new Long[n];
        String[] channel = new String[n];
        OffsetDateTime[] occurred = new OffsetDateTime[n];
        String[] source = new String[n];
        Double[] value = new Double[n];
        String[] stage = new String[n];
        for (int i = 0; i < n; i++) {
            EventRow row = rows.get(ok.get(i));
            campaign[i] = row.campaignId();
            channel[i] = row.channel();
            occurred[i] = row.occurredAt();
            source[i] = row.source();
            value[i] = row.value();
            stage[i] = row.stage();
        }
        String sql = kind == ImportKind.TOUCHPOINTS ? """
                insert into touchpoint (contact_id, campaign_id, channel, influencer_identity_id, occurred_at, source, import_key)
                select c, g, ch, i, coalesce(t, now()), s::jsonb, k
                from unnest($1::int[], $2::bigint[], $3::bigint[], $4::text[], $5::bigint[], $6::timestamptz[], $7::text[], $8::text[])
                  u(n, c, g, ch, i, t, s, k)
                order by n
                on conflict (import_key) where import_key is not null do nothing
                returning id, contact_id, campaign_id, channel, import_key""" : """
                insert into conversion (contact_id, campaign_id, occurred_at, value, stage, import_key)
                select c, g, coalesce(t, now()), v, st, k
                from unnest($1::int[], $2::bigint[], $3::bigint[], $4::float8[], $5::text[], $6::timestamptz[], $7::text[])
                  u(n, c, g, v, st, t, k)
                order by n
                on conflict (import_key) where import_key is not null do nothing
                returning id, contact_id, campaign_id, stage, import_key""";
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Tuple args = kind == ImportKind.TOUCHPOINTS
                ? Tuple.tuple(List.of(order, contacts.toArray(Long[]::new), campaign, channel, influencers.toArray(Long[]::new), occurred,
                        source, keys.toArray(String[]::new)))
                : Tuple.tuple(List.of(order, contacts.toArray(Long[]::new), campaign, value, stage, occurred, keys.toArray(String[]::new)));
        return connection.preparedQuery(sql).execute(args).chain(inserted -> {
            Map<String, Row> byKey = new HashMap<>();
            inserted.forEach(r -> byKey.put(r.getString("import_key"), r));
            long[] subjects = new long[inserted.size()];
            JsonObject[] data = new JsonObject[inserted.size()];
            int written = 0;
            for (int i = 0; i < n; i++) {
                EventRow row = rows.get(ok.get(i));
                Row r = byKey.remove(keys.get(i));
                if (r == null) {
                    outcomes.put(row.line(), new UpsertOutcome(row.line(), contacts.get(i).toString(), UpsertOutcomeKind.UNCHANGED, null,
                            "written before (same " + (row.eventId() != null ? "eventId" : "contact, time and values") + ")"));
                    continue;
                }
                outcomes.put(row.line(), new UpsertOutcome(row.line(), contacts.get(i).toString(), UpsertOutcomeKind.CREATED, null, null));
                subjects[written] = r.getLong("contact_id");
                data[written++] = kind == ImportKind.TOUCHPOINTS
                        ? new JsonObject().put("touchpointId", r.getLong("id").toString()).put("campaignId", text(r.getLong("campaign_id")))
                                .put("channel", r.getString("channel")).put("source", "import")
                        : new JsonObject().put("conversionId", r.getLong("id").toString()).put("campaignId", text(r.getLong("campaign_id")))
                                .put("stage", r.getString("stage")).put("source", "import");
            }
            return changes.recordAll(connection, kind == ImportKind.TOUCHPOINTS ? ChangeTypes.TOUCHPOINT_RECORDED : ChangeTypes.CONVERSION_RECORDED,
                    java.util.Arrays.copyOf(subjects, written), java.util.Arrays.copyOf(data, written));
        });
    }

    private static String text(Long id) {
        return id == null ? null : id.toString();
    }

    private static UpsertOutcome rejected(int line, String reason) {
        return new UpsertOutcome(line, null, UpsertOutcomeKind.REJECTED, null, reason);
    }
}
