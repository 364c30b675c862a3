package org.socialcrm.connector;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

import org.socialcrm.common.Network;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The OAuth flows in progress, in {@code control.oauth_state} (shared by all replicas): opened when a caller starts a
 * flow, claimed once by the callback. A claim succeeds only for an unused, unexpired row whose binding hash matches
 * the secret the callback's browser presents; a second claim of the same state fails (replay).
 */
@ApplicationScoped
public class OAuthFlows {

    /** A flow as started: who started it, for which tenant, identity and network, and its secrets. */
    public record Flow(String id, String tenant, Network network, long identityId, String subject, String bindingHash,
            String codeVerifier, Instant expiresAt) {

        @Override
        public String toString() {
            return "Flow[id=" + id + ", tenant=" + tenant + ", network=" + network + "]";
        }
    }

    public enum Outcome { CLAIMED, ALREADY_USED, UNKNOWN }

    public record Claim(Outcome outcome, Flow flow) {
    }

    private final Pool pool;

    public OAuthFlows(Pool pool) {
        this.pool = pool;
    }

    /** Stores a started flow, pruning expired ones in the same statement. */
    public Uni<Void> open(Flow flow) {
        return pool.preparedQuery("""
                with pruned as (delete from control.oauth_state where expires_at < now())
                insert into control.oauth_state (id, tenant_slug, network, identity_id, subject, binding_hash, code_verifier, expires_at)
                values ($1, $2, $3, $4, $5, $6, $7, $8)""")
                .execute(Tuple.of(flow.id(), flow.tenant(), flow.network().name(), flow.identityId(), flow.subject(), flow.bindingHash())
                        .addString(flow.codeVerifier()).addOffsetDateTime(OffsetDateTime.ofInstant(flow.expiresAt(), ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    /**
     * Marks the flow used and returns it, when it is unused, unexpired and bound to {@code bindingHash}. Otherwise
     * nothing changes: ALREADY_USED for a state seen before, UNKNOWN for anything else (expired, never issued, or
     * presented by another browser than the one that started it).
     */
    public Uni<Claim> claim(String id, String bindingHash) {
        return pool.preparedQuery("""
                with claimed as (
                    update control.oauth_state set used_at = now()
                     where id = $1 and used_at is null and expires_at > now() and binding_hash = $2
                    returning id, tenant_slug, network, identity_id, subject, binding_hash, code_verifier, expires_at)
                select c.*, (s.used_at is not null) as seen
                  from (select 1) one left join claimed c on true left join control.oauth_state s on s.id = $1""")
                .execute(Tuple.of(id, bindingHash))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    if (row.getString("id") != null) {
                        return new Claim(Outcome.CLAIMED, new Flow(row.getString("id"), row.getString("tenant_slug"),
                                Network.valueOf(row.getString("network")), row.getLong("identity_id"), row.getString("subject"),
                                row.getString("binding_hash"), row.getString("code_verifier"),
                                row.getOffsetDateTime("expires_at").toInstant()));
                    }
                    return new Claim(Boolean.TRUE.equals(row.getBoolean("seen")) ? Outcome.ALREADY_USED : Outcome.UNKNOWN, null);
                });
    }
}
