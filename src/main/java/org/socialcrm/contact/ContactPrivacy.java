package org.socialcrm.contact;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;

import org.socialcrm.common.JsonValues;
import org.socialcrm.common.NotFoundException;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/** Right of access (export everything stored about a contact) and right to erasure. */
@ApplicationScoped
public class ContactPrivacy {

    /** Everything stored about one contact, as one JSON document built by the database in one statement. */
    public Uni<JsonObject> export(SqlConnection connection, long id) {
        return connection.preparedQuery(EXPORT).execute(Tuple.of(id)).map(rows -> {
            if (!rows.iterator().hasNext()) {
                throw new NotFoundException("No such contact.");
            }
            return JsonValues.toJsonP(rows.iterator().next().getValue(0));
        });
    }

    /**
     * Deletes the contact and everything personal hanging off it (identities and their metrics, connector accounts,
     * touchpoints, conversions: by cascade; emails, phones, external ids and lifecycle history: by ERASE itself, they
     * have no foreign key, tenant migration V121). Campaign totals keep the erased touchpoints and conversions as bare
     * counts, and one erasure row records how much was removed, with no identifier.
     * <p>
     * The contact's lock comes first, in a statement of its own: a writer of its keys or history holds that lock until
     * it commits, so the blocklist and the deletes, each a later statement with a later snapshot, see every row written
     * for the contact, and nothing can be written for it afterwards.
     */
    public Uni<Boolean> erase(SqlConnection connection, long id) {
        return connection.preparedQuery(LOCK).execute(Tuple.of(id))
                .chain(() -> connection.preparedQuery(BLOCK).execute(Tuple.of(id)))
                .chain(() -> connection.preparedQuery(ERASE).execute(Tuple.of(id)))
                .map(rows -> {
                    if (rows.iterator().next().getBoolean(0) != Boolean.TRUE) {
                        throw new NotFoundException("No such contact.");
                    }
                    return true;
                });
    }

    private static final String EXPORT = """
            select jsonb_build_object(
              'contact', to_jsonb(c) - 'influence_score',
              'influenceScore', c.influence_score,
              'emails', coalesce((select jsonb_agg(jsonb_build_object('address', e.address, 'primary', e.is_primary) order by e.address_norm)
                   from contact_email e where e.contact_id = c.id), '[]'::jsonb),
              'phones', coalesce((select jsonb_agg(jsonb_build_object('number', p.e164, 'kind', p.kind, 'primary', p.is_primary) order by p.e164)
                   from contact_phone p where p.contact_id = c.id), '[]'::jsonb),
              'externalIds', coalesce((select jsonb_agg(jsonb_build_object('system', x.system, 'value', x.value) order by x.system, x.value)
                   from contact_external_id x where x.contact_id = c.id), '[]'::jsonb),
              'channelPreferences', coalesce((select jsonb_agg(to_jsonb(cp) - 'contact_id' order by cp.channel)
                   from channel_preference cp where cp.contact_id = c.id), '[]'::jsonb),
              'socialIdentities', coalesce((select jsonb_agg(to_jsonb(si) || jsonb_build_object('metrics',
                   coalesce((select jsonb_agg(jsonb_build_object('metric', m.metric, 'observedAt', m.observed_at, 'value', m.value)
                             order by m.metric, m.observed_at) from metric_point m where m.identity_id = si.id), '[]'::jsonb))
                   order by si.id) from social_identity si where si.contact_id = c.id), '[]'::jsonb),
              'connectorAccounts', coalesce((select jsonb_agg(jsonb_build_object('id', a.id, 'network', a.network, 'status', a.status,
                   'identityId', a.identity_id, 'lastSyncAt', a.last_sync_at, 'createdAt', a.created_at) order by a.id)
                   from connector_account a join social_identity si on si.id = a.identity_id where si.contact_id = c.id), '[]'::jsonb),
              'lifecycleHistory', coalesce((select jsonb_agg(to_jsonb(l) order by l.occurred_at, l.id)
                   from lifecycle_transition l where l.contact_id = c.id), '[]'::jsonb),
              'touchpoints', coalesce((select jsonb_agg(to_jsonb(t) order by t.occurred_at, t.id)
                   from touchpoint t where t.contact_id = c.id), '[]'::jsonb),
              'conversions', coalesce((select jsonb_agg(to_jsonb(v) order by v.occurred_at, v.id)
                   from conversion v where v.contact_id = c.id), '[]'::jsonb),
              'auditEvents', coalesce((select jsonb_agg(jsonb_build_object('at', e.at, 'actor', e.actor, 'action', e.action)
                   order by e.at, e.id) from audit_event e where e.target = c.id::text), '[]'::jsonb)
            ) from contact c where c.id = $1""";

    /**
     * The erased person's emails, phones and external ids as salted hashes (the tenant's own salt), so that an import
     * cannot bring them back; the key format is the one upserts check (kind:a:b).
     */
    // INSERT ... SELECT reads tenant tables through a CTE: Citus 13.2 mis-deparses the direct form (docs/scale-out.md).
    private static final String BLOCK = """
            with hashes as (
              select encode(sha256(convert_to((select value from tenant_secret where name = 'erasure_salt') || k, 'UTF8')), 'hex') as hash
              from (select 'EMAIL:' || address_norm || ':' from contact_email where contact_id = $1
                    union select 'PHONE:' || e164 || ':' from contact_phone where contact_id = $1
                    union select 'EXTERNAL_ID:' || system || ':' || value from contact_external_id where contact_id = $1) keys(k))
            insert into erasure_block (hash) select hash from hashes
            on conflict do nothing""";

    private static final String LOCK = "select id from contact where id = $1 for update";

    private static final String ERASE = """
            with target as (
              select id from contact where id = $1 for update
            ), tp as (
              select campaign_id, count(*) as n from touchpoint where contact_id in (select id from target) and campaign_id is not null group by campaign_id
            ), cv as (
              select campaign_id, count(*) as n from conversion where contact_id in (select id from target) and campaign_id is not null group by campaign_id
            ), kept as (
              -- one update per campaign row: two updates of the same row in one statement would lose one
              update campaign c set erased_touchpoints = erased_touchpoints + coalesce(k.tp, 0),
                                    erased_conversions = erased_conversions + coalesce(k.cv, 0)
              from (select coalesce(tp.campaign_id, cv.campaign_id) as campaign_id, tp.n as tp, cv.n as cv
                    from tp full join cv on cv.campaign_id = tp.campaign_id) k
              where c.id = k.campaign_id returning c.id
            ), counts as (
              select jsonb_build_object(
                'contacts', (select count(*) from target),
                'socialIdentities', (select count(*) from social_identity where contact_id in (select id from target)),
                'metricPoints', (select count(*) from metric_point m join social_identity si on si.id = m.identity_id where si.contact_id in (select id from target)),
                'touchpoints', (select count(*) from touchpoint where contact_id in (select id from target)),
                'conversions', (select count(*) from conversion where contact_id in (select id from target)),
                'lifecycleTransitions', (select count(*) from lifecycle_transition where contact_id in (select id from target))) as counts
            ), logged as (
              insert into erasure (counts) select counts from counts where exists (select 1 from target) returning id
            ), emails as (
              delete from contact_email where contact_id in (select id from target)
            ), phones as (
              delete from contact_phone where contact_id in (select id from target)
            ), external_ids as (
              delete from contact_external_id where contact_id in (select id from target)
            ), history as (
              delete from lifecycle_transition where contact_id in (select id from target)
            ), gone as (
              delete from contact where id in (select id from target) returning id
            )
            select exists (select 1 from gone) and (select count(*) from kept) >= 0
                   and (select count(*) from logged) = 1""";
}
