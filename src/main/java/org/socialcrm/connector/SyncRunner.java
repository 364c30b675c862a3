package org.socialcrm.connector;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.socialcrm.change.ChangeLog;
import org.socialcrm.change.ChangeTypes;
import org.socialcrm.identity.InfluenceScores;
import org.socialcrm.ops.Metrics;
import org.socialcrm.tenancy.TenantDirectory;
import org.socialcrm.tenancy.TenantScope;
import org.socialcrm.tenancy.TenantStatus;
import org.socialcrm.tenancy.TenantTransactions;

import io.smallrye.mutiny.Uni;

/**
 * One pull of one account: decrypt the tokens, refresh them when they expire (or on a 401), fetch the profile with
 * retries, then in one tenant transaction write the metric points, the identity snapshot, the account state, the
 * sync run, the job's next run and the sync.completed change. A failure ends the run as RATE_LIMITED or FAILED and
 * sets the account ACTIVE (rate limit), FAILING (with backoff) or NEEDS_REAUTH (pulls stop); nothing else is
 * blocked by it. Tokens are never logged.
 */
@ApplicationScoped
public class SyncRunner {

    private static final Logger LOG = Logger.getLogger(SyncRunner.class);

    private final TenantTransactions transactions;
    private final TenantDirectory directory;
    private final ConnectorAccounts accounts;
    private final ConnectorRegistry registry;
    private final ConnectorCalls calls;
    private final TokenCipher cipher;
    private final JobLeaser jobs;
    private final ChangeLog changes;
    private final NetworkBudget budget;
    private final ConnectorConfig config;
    private final InfluenceScores scores;
    private final Metrics opsMetrics;

    public SyncRunner(TenantTransactions transactions, TenantDirectory directory, ConnectorAccounts accounts, ConnectorRegistry registry,
            ConnectorCalls calls, TokenCipher cipher, JobLeaser jobs, ChangeLog changes, NetworkBudget budget, ConnectorConfig config,
            InfluenceScores scores, Metrics metrics) {
        this.scores = scores;
        this.opsMetrics = metrics;
        this.transactions = transactions;
        this.directory = directory;
        this.accounts = accounts;
        this.registry = registry;
        this.calls = calls;
        this.cipher = cipher;
        this.jobs = jobs;
        this.changes = changes;
        this.budget = budget;
        this.config = config;
    }

    private record Started(ConnectorAccounts.PullAccount account, long runId) {
    }

    /** Runs a job this replica leased (from the scheduler). Null when nothing was pulled. */
    public Uni<SyncRun> runLeased(LeasedJob job) {
        if (!budget.tryAcquire(job.network())) {
            return jobs.postpone(job, Duration.ofSeconds(10)).replaceWith((SyncRun) null);
        }
        return directory.bySlug(job.tenantSlug()).chain(found -> {
            if (found.isEmpty() || found.get().id() != job.tenantId()) {
                return jobs.forget(job).replaceWith((SyncRun) null);
            }
            if (found.get().status() != TenantStatus.ACTIVE) {
                return jobs.postpone(job, Duration.ofMinutes(5)).replaceWith((SyncRun) null);
            }
            return pull(new TenantScope(found.get()), job.accountId());
        }).onFailure().recoverWithUni(failure -> {
            LOG.warnf("Connector job of account %d (%s) failed before its pull: %s", job.accountId(), job.network(),
                    failure.getClass().getSimpleName());
            return jobs.postpone(job, config.scheduler().failureBackoff()).replaceWith((SyncRun) null);
        });
    }

    /** Pulls one account of a tenant whose job lease the caller holds. Null when the account is gone or stopped. */
    public Uni<SyncRun> pull(TenantScope scope, long accountId) {
        return transactions.inTenant(scope, connection -> accounts.loadForPull(connection, accountId).chain(account -> {
            if (account == null) {
                return jobs.delete(connection, scope.tenant().id(), accountId).replaceWith((Started) null);
            }
            if (account.status() == ConnectorStatus.NEEDS_REAUTH || account.status() == ConnectorStatus.PAUSED) {
                return jobs.stop(connection, scope.tenant().id(), accountId).replaceWith((Started) null);
            }
            return accounts.startRun(connection, accountId).map(runId -> new Started(account, runId));
        })).chain(started -> started == null ? Uni.createFrom().nullItem() : execute(scope, started));
    }

    private Uni<SyncRun> execute(TenantScope scope, Started started) {
        ConnectorAccounts.PullAccount account = started.account();
        SocialConnector connector = registry.of(account.network()).orElse(null);
        if (connector == null) {
            return fail(scope, started, ConnectorFailure.permanent("No connector for " + account.network()));
        }
        TokenPair stored;
        try {
            stored = new TokenPair(cipher.decrypt(account.keyId(), account.accessToken(), scope.slug()),
                    cipher.decrypt(account.keyId(), account.refreshToken(), scope.slug()), account.tokenExpiresAt());
        } catch (TokenCipher.TokenUnreadableException e) {
            return fail(scope, started, new ConnectorFailure.RefreshRefused("Stored tokens cannot be read; reconnect the account"));
        }
        AtomicBoolean refreshed = new AtomicBoolean();
        boolean expiring = stored.expiresAt() != null
                && stored.expiresAt().toInstant().isBefore(Instant.now().plus(config.tokens().refreshSkew()));
        Uni<TokenPair> usable = expiring && connector.refreshable(stored)
                ? refresh(scope, account, connector, stored, refreshed)
                : Uni.createFrom().item(stored);
        return usable.chain(tokens -> calls.fetch(connector, account.target(), tokens.accessToken())
                .onFailure(ConnectorFailure.Unauthorized.class).recoverWithUni(unauthorized -> {
                    if (refreshed.get() || !connector.refreshable(tokens)) {
                        return Uni.createFrom().failure(new ConnectorFailure.RefreshRefused(
                                HttpAnswers.label(account.network()) + " refused the access token; reconnect the account"));
                    }
                    return refresh(scope, account, connector, tokens, refreshed)
                            .chain(fresh -> calls.fetch(connector, account.target(), fresh.accessToken()));
                }))
                .chain(metrics -> succeed(scope, started, metrics, stored, refreshed.get()))
                .onFailure().recoverWithUni(failure -> fail(scope, started, failure));
    }

    private Uni<TokenPair> refresh(TenantScope scope, ConnectorAccounts.PullAccount account, SocialConnector connector, TokenPair current,
            AtomicBoolean refreshed) {
        refreshed.set(true);
        return calls.refresh(connector, current)
                .call(fresh -> transactions.inTenant(scope, connection -> accounts.storeTokens(connection, scope, account.id(), fresh)))
                .invoke(() -> LOG.debugf("Refreshed the tokens of connector account %d (%s)", account.id(), account.network()));
    }

    private Uni<SyncRun> succeed(TenantScope scope, Started started, ProfileMetrics metrics, TokenPair stored, boolean refreshed) {
        ConnectorAccounts.PullAccount account = started.account();
        OffsetDateTime observedAt = bucket(OffsetDateTime.now(ZoneOffset.UTC));
        opsMetrics.pull(account.network(), SyncStatus.SUCCEEDED.name());
        return transactions.inTenant(scope, connection -> accounts
                .writePoints(connection, account.identityId(), observedAt, metrics.points(), "connector:" + account.network().name().toLowerCase())
                .call(() -> accounts.updateSnapshot(connection, account.identityId(), metrics))
                .call(() -> scores.refresh(connection, new long[] { account.identityId() }))
                .call(() -> !refreshed && !cipher.currentKeyId().equals(account.keyId())
                        ? accounts.storeTokens(connection, scope, account.id(), stored) : Uni.createFrom().voidItem())
                .chain(points -> jobs.finishAfterInterval(connection, scope, account.id(), account.syncIntervalSeconds())
                        .call(next -> accounts.markSucceeded(connection, account.id(), next))
                        .chain(next -> accounts.finishRun(connection, started.runId(), SyncStatus.SUCCEEDED, points, null)))
                .call(run -> changes.record(connection, ChangeTypes.SYNC_COMPLETED, Long.parseLong(run.id()), run.toJson())))
                .invoke(run -> LOG.debugf("Pulled connector account %d (%s): %d points", (Object) account.id(), account.network(),
                        run.pointsWritten()));
    }

    private Uni<SyncRun> fail(TenantScope scope, Started started, Throwable failure) {
        ConnectorAccounts.PullAccount account = started.account();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        ConnectorStatus status;
        SyncStatus runStatus;
        OffsetDateTime next;
        boolean stop = false;
        String error;
        if (failure instanceof ConnectorFailure.RateLimited limited) {
            status = ConnectorStatus.ACTIVE;
            runStatus = SyncStatus.RATE_LIMITED;
            next = OffsetDateTime.ofInstant(limited.retryAt(), ZoneOffset.UTC);
            error = limited.getMessage();
        } else if (failure instanceof ConnectorFailure.RefreshRefused || failure instanceof ConnectorFailure.Unauthorized) {
            status = ConnectorStatus.NEEDS_REAUTH;
            runStatus = SyncStatus.FAILED;
            next = null;
            stop = true;
            error = failure.getMessage();
        } else {
            status = ConnectorStatus.FAILING;
            runStatus = SyncStatus.FAILED;
            long factor = 1L << Math.min(10, account.consecutiveFailures());
            Duration wait = config.scheduler().failureBackoff().multipliedBy(factor);
            if (wait.compareTo(config.scheduler().defaultInterval()) > 0) {
                wait = config.scheduler().defaultInterval();
            }
            next = now.plus(wait);
            if (failure instanceof ConnectorFailure) {
                error = failure.getMessage();
            } else {
                error = "Internal error during the pull";
                LOG.errorf("Pull of connector account %d (%s) failed: %s", account.id(), account.network(),
                        failure.getClass().getName());
            }
        }
        boolean stopPulls = stop;
        opsMetrics.pull(account.network(), runStatus.name());
        LOG.infof("Pull of connector account %d (%s) ended %s: %s", account.id(), account.network(), runStatus, error);
        return transactions.inTenant(scope, connection -> (stopPulls
                ? jobs.stop(connection, scope.tenant().id(), account.id()).replaceWith((OffsetDateTime) null)
                : jobs.finishAt(connection, scope, account.id(), next))
                .call(nextRun -> accounts.markFailed(connection, account.id(), status, error, nextRun,
                        status == ConnectorStatus.FAILING))
                .chain(() -> accounts.finishRun(connection, started.runId(), runStatus, 0, error))
                .call(run -> changes.record(connection, ChangeTypes.SYNC_COMPLETED, Long.parseLong(run.id()), run.toJson())));
    }

    /** Observation time of a pull: truncated to the metric resolution, so a re-run in the same bucket adds nothing. */
    OffsetDateTime bucket(OffsetDateTime time) {
        long resolution = Math.max(1, config.metricResolution().toSeconds());
        long epoch = time.toEpochSecond();
        return OffsetDateTime.ofInstant(Instant.ofEpochSecond(epoch - Math.floorMod(epoch, resolution)), ZoneOffset.UTC);
    }
}
