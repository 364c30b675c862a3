package org.socialcrm.connector;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.socialcrm.common.BadUserInputException;
import org.socialcrm.common.NotFoundException;
import org.socialcrm.common.Network;
import org.socialcrm.tenancy.TenantScope;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * SQL of connector accounts and sync runs, on a connection whose transaction already points at the tenant's
 * schema. Tokens are written encrypted (AES-GCM, associated data = tenant slug) and never read back into API types.
 */
@ApplicationScoped
public class ConnectorAccounts {

    static final String RETURNING = "returning id, network, identity_id, status, last_sync_at, next_sync_at, last_error, external_account_id";
    static final int MAX_TOKEN_LENGTH = 8192;
    static final int MIN_INTERVAL = 60;
    static final int MAX_INTERVAL = 7 * 24 * 3600;

    private final TokenCipher cipher;
    private final JobLeaser jobs;

    public ConnectorAccounts(TokenCipher cipher, JobLeaser jobs) {
        this.cipher = cipher;
        this.jobs = jobs;
    }

    /** The account row a pull needs, with its identity's handle and the encrypted tokens. */
    public record PullAccount(long id, Network network, long identityId, String handle, String externalId, String instanceUrl,
            ConnectorStatus status, String accessToken, String refreshToken, String keyId, OffsetDateTime tokenExpiresAt,
            Integer syncIntervalSeconds, int consecutiveFailures) {

        ConnectorTarget target() {
            return new ConnectorTarget(id, network, handle, externalId, instanceUrl);
        }

        @Override
        public String toString() {
            return "PullAccount[id=" + id + ", network=" + network + ", status=" + status + "]";
        }
    }

    /** Connects (or reconnects) an identity's account: stores the tokens encrypted and schedules a pull now. */
    public Uni<ConnectorAccount> connect(SqlConnection connection, TenantScope scope, Network network, long identityId,
            TokenPair tokens, String externalAccountId) {
        return connect(connection, scope, network, identityId, tokens, externalAccountId, null, null);
    }

    /**
     * As above, with the account's own pull interval in seconds (null: the tenant's or the default) and the instance
     * base URL an admin fixed (already checked by the outbound policy; null keeps the stored one, else the default).
     */
    public Uni<ConnectorAccount> connect(SqlConnection connection, TenantScope scope, Network network, long identityId,
            TokenPair tokens, String externalAccountId, Integer syncIntervalSeconds, String instanceUrl) {
        if (syncIntervalSeconds != null && (syncIntervalSeconds < MIN_INTERVAL || syncIntervalSeconds > MAX_INTERVAL)) {
            throw new BadUserInputException("syncIntervalSeconds", "must be between " + MIN_INTERVAL + " and " + MAX_INTERVAL);
        }
        if (tokens.accessToken() == null || tokens.accessToken().isBlank()) {
            throw new BadUserInputException("accessToken", "must not be empty");
        }
        if (tokens.accessToken().length() > MAX_TOKEN_LENGTH) {
            throw new BadUserInputException("accessToken", "is too long");
        }
        if (tokens.refreshToken() != null && tokens.refreshToken().length() > MAX_TOKEN_LENGTH) {
            throw new BadUserInputException("refreshToken", "is too long");
        }
        if (externalAccountId != null && (externalAccountId.isBlank() || externalAccountId.length() > 200)) {
            throw new BadUserInputException("externalAccountId", "must be 1 to 200 characters");
        }
        return connection.preparedQuery("select network from social_identity where id = $1").execute(Tuple.of(identityId))
                .chain(rows -> {
                    if (rows.size() == 0) {
                        throw new NotFoundException("No social identity with this id.");
                    }
                    String identityNetwork = rows.iterator().next().getString("network");
                    if (!identityNetwork.equals(network.name())) {
                        throw new BadUserInputException("network", "does not match the identity's network");
                    }
                    TokenCipher.Sealed access = cipher.encrypt(tokens.accessToken(), scope.slug());
                    TokenCipher.Sealed refresh = cipher.encrypt(blankToNull(tokens.refreshToken()), scope.slug());
                    return connection.preparedQuery("""
                            insert into connector_account (network, identity_id, external_account_id, status, access_token,
                                refresh_token, token_key_id, token_expires_at, next_sync_at, sync_interval_seconds, instance_url)
                            values ($1, $2, $3, 'ACTIVE', $4, $5, $6, $7, now(), $8, $9)
                            on conflict (identity_id, network) do update set
                                external_account_id = coalesce(excluded.external_account_id, connector_account.external_account_id),
                                status = 'ACTIVE', access_token = excluded.access_token, refresh_token = excluded.refresh_token,
                                token_key_id = excluded.token_key_id, token_expires_at = excluded.token_expires_at,
                                last_error = null, consecutive_failures = 0, next_sync_at = excluded.next_sync_at, updated_at = excluded.updated_at,
                                sync_interval_seconds = coalesce(excluded.sync_interval_seconds, connector_account.sync_interval_seconds),
                                instance_url = coalesce(excluded.instance_url, connector_account.instance_url)
                            """ + RETURNING)
                            .execute(Tuple.of(network.name(), identityId, externalAccountId, access.ciphertext())
                                    .addString(refresh == null ? null : refresh.ciphertext()).addString(access.keyId())
                                    .addOffsetDateTime(tokens.expiresAt()).addInteger(syncIntervalSeconds).addString(instanceUrl));
                })
                .map(rows -> ConnectorAccount.from(rows.iterator().next()))
                .call(account -> jobs.schedule(connection, scope, Long.parseLong(account.id()), network));
    }

    public Uni<Boolean> disconnect(SqlConnection connection, TenantScope scope, long accountId) {
        return connection.preparedQuery("delete from connector_account where id = $1 returning id").execute(Tuple.of(accountId))
                .chain(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().failure(new NotFoundException("No connector account with this id."));
                    }
                    return jobs.delete(connection, scope.tenant().id(), accountId).replaceWith(Boolean.TRUE);
                });
    }

    public Uni<List<ConnectorAccount>> list(SqlConnection connection) {
        return connection.query("select " + ConnectorAccount.COLUMNS + " from connector_account a order by a.id").execute()
                .map(rows -> {
                    List<ConnectorAccount> out = new ArrayList<>();
                    rows.forEach(row -> out.add(ConnectorAccount.from(row)));
                    return out;
                });
    }

    public Uni<ConnectorAccount> find(SqlConnection connection, long accountId) {
        return connection.preparedQuery("select " + ConnectorAccount.COLUMNS + " from connector_account a where a.id = $1")
                .execute(Tuple.of(accountId))
                .map(rows -> rows.size() == 0 ? null : ConnectorAccount.from(rows.iterator().next()));
    }

    public Uni<List<SyncRun>> runs(SqlConnection connection, Long accountId, int first) {
        return connection.preparedQuery("select " + SyncRun.COLUMNS
                + " from sync_run r join connector_account a on a.id = r.account_id"
                + " where ($1::bigint is null or r.account_id = $1) order by r.started_at desc, r.id desc limit $2")
                .execute(Tuple.of(accountId, first))
                .map(ConnectorAccounts::toRuns);
    }

    static List<SyncRun> toRuns(RowSet<Row> rows) {
        List<SyncRun> out = new ArrayList<>();
        rows.forEach(row -> out.add(SyncRun.from(row)));
        return out;
    }

    public Uni<PullAccount> loadForPull(SqlConnection connection, long accountId) {
        return connection.preparedQuery("""
                select a.id, a.network, a.identity_id, a.external_account_id, a.status, a.access_token, a.refresh_token,
                       a.token_key_id, a.token_expires_at, a.sync_interval_seconds, a.consecutive_failures, a.instance_url,
                       i.handle, i.external_id as identity_external_id
                  from connector_account a join social_identity i on i.id = a.identity_id
                 where a.id = $1""").execute(Tuple.of(accountId))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    Row row = rows.iterator().next();
                    String external = row.getString("external_account_id");
                    return new PullAccount(row.getLong("id"), Network.valueOf(row.getString("network")), row.getLong("identity_id"),
                            row.getString("handle"), external != null ? external : row.getString("identity_external_id"),
                            row.getString("instance_url"), ConnectorStatus.valueOf(row.getString("status")),
                            row.getString("access_token"), row.getString("refresh_token"), row.getString("token_key_id"),
                            row.getOffsetDateTime("token_expires_at"), row.getInteger("sync_interval_seconds"),
                            row.getInteger("consecutive_failures"));
                });
    }

    /**
     * Opens a RUNNING sync run. The caller holds the account's lease, so an older RUNNING run can only be one a
     * stopped replica left behind: it is closed as FAILED first.
     */
    public Uni<Long> startRun(SqlConnection connection, long accountId) {
        return connection.preparedQuery("update sync_run set status = 'FAILED', finished_at = now(), "
                + "error = 'Interrupted: the replica running this pull stopped' where account_id = $1 and status = 'RUNNING'")
                .execute(Tuple.of(accountId))
                .chain(() -> connection.preparedQuery("insert into sync_run (account_id, status) values ($1, 'RUNNING') returning id")
                        .execute(Tuple.of(accountId)))
                .map(rows -> rows.iterator().next().getLong("id"));
    }

    /** Stores new tokens (encrypted with the current key). */
    public Uni<Void> storeTokens(SqlConnection connection, TenantScope scope, long accountId, TokenPair tokens) {
        TokenCipher.Sealed access = cipher.encrypt(tokens.accessToken(), scope.slug());
        TokenCipher.Sealed refresh = cipher.encrypt(tokens.refreshToken(), scope.slug());
        return connection.preparedQuery("""
                update connector_account set access_token = $2, refresh_token = $3, token_key_id = $4, token_expires_at = $5,
                       updated_at = now() where id = $1""")
                .execute(Tuple.of(accountId, access.ciphertext(), refresh == null ? null : refresh.ciphertext(), access.keyId())
                        .addOffsetDateTime(tokens.expiresAt()))
                .replaceWithVoid();
    }

    /**
     * Writes a pull's metric points, idempotently: one point per (identity, metric, observed_at); a re-run in the
     * same resolution bucket writes nothing new (a changed value replaces the bucket's value). Returns how many
     * points were inserted or changed.
     */
    public Uni<Integer> writePoints(SqlConnection connection, long identityId, OffsetDateTime observedAt, Map<String, Double> points,
            String source) {
        if (points.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        String[] metrics = points.keySet().toArray(new String[0]);
        Double[] values = points.values().toArray(new Double[0]);
        return connection.preparedQuery("""
                insert into metric_point (identity_id, metric, observed_at, value, source)
                select $1, p.metric, $2, p.value, $3 from unnest($4::text[], $5::float8[]) as p(metric, value)
                on conflict (identity_id, metric, observed_at) do update set value = excluded.value, source = excluded.source
                 where metric_point.value is distinct from excluded.value
                returning metric""")
                .execute(Tuple.of(identityId, observedAt, source, metrics).addArrayOfDouble(values))
                .map(RowSet::size);
    }

    /** The identity's snapshot: latest counts (unknown ones keep their value) and the sync time. */
    public Uni<Void> updateSnapshot(SqlConnection connection, long identityId, ProfileMetrics metrics) {
        return connection.preparedQuery("""
                update social_identity set followers = coalesce($2, followers), following = coalesce($3, following),
                       posts = coalesce($4, posts), last_synced_at = now(), updated_at = now() where id = $1""")
                .execute(Tuple.of(identityId, metrics.followers(), metrics.following(), metrics.posts()))
                .replaceWithVoid();
    }

    public Uni<Void> markSucceeded(SqlConnection connection, long accountId, OffsetDateTime nextSync) {
        return connection.preparedQuery("""
                update connector_account set status = 'ACTIVE', last_sync_at = now(), next_sync_at = $2, last_error = null,
                       consecutive_failures = 0, updated_at = now() where id = $1""")
                .execute(Tuple.of(accountId, nextSync)).replaceWithVoid();
    }

    public Uni<Void> markFailed(SqlConnection connection, long accountId, ConnectorStatus status, String error, OffsetDateTime nextSync,
            boolean countFailure) {
        return connection.preparedQuery("""
                update connector_account set status = $2, last_error = $3, next_sync_at = $4,
                       consecutive_failures = consecutive_failures + $5, updated_at = now() where id = $1""")
                .execute(Tuple.of(accountId, status.name(), error, nextSync).addInteger(countFailure ? 1 : 0))
                .replaceWithVoid();
    }

    public Uni<SyncRun> finishRun(SqlConnection connection, long runId, SyncStatus status, int points, String error) {
        return connection.preparedQuery("""
                with r as (update sync_run set status = $2, finished_at = now(), points_written = $3, error = $4 where id = $1
                           returning *)
                select""" + " " + SyncRun.COLUMNS + " from r join connector_account a on a.id = r.account_id")
                .execute(Tuple.of(runId, status.name(), points, error))
                .map(rows -> rows.size() == 0 ? null : SyncRun.from(rows.iterator().next()));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
