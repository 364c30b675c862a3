package org.socialcrm.webhook;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.socialcrm.audit.AuditLog;
import org.socialcrm.change.Change;
import org.socialcrm.common.outbound.OutboundPolicy;
import org.socialcrm.tenancy.TenancyStartup;
import org.socialcrm.tenancy.TenantDirectory;
import org.socialcrm.tenancy.TenantScope;
import org.socialcrm.tenancy.TenantStatus;
import org.socialcrm.tenancy.TenantTransactions;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.ext.web.client.WebClient;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Delivers webhook deliveries, on any replica. Each tick leases tenants that have webhooks from
 * {@code control.webhook_tenant} (oldest first, {@code for update skip locked}, a lease expiry), no more than the free
 * slots, and works on each without waiting for the others, so a slow or dead endpoint holds one slot and never delays
 * another tenant. For a leased tenant it marks deliveries past their give-up time FAILED, then leases the deliveries
 * that are due and at the head of their (webhook, subject) queue, so one contact's changes reach a webhook in feed
 * order; it sends them concurrently, signed, records each outcome (2xx: SUCCEEDED, else RETRYING with exponential
 * backoff, FAILED past the give-up time) and deactivates webhooks failing for longer than allowed. Outcomes are
 * written only while this replica still holds the delivery's lease: a replica that stopped mid-delivery loses its
 * deliveries to another once its lease expires (at-least-once, the delivery id staying the same).
 */
@ApplicationScoped
public class WebhookDispatcher {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);
    static final int MAX_ROUNDS = 100;

    static final String LEASE_TENANTS = """
            with picked as (
                select tenant_id from control.webhook_tenant
                 where next_run_at <= now() and (lease_expires_at is null or lease_expires_at < now())
                 order by next_run_at, tenant_id limit $1
                 for update skip locked)
            update control.webhook_tenant t set lease_owner = $2, lease_expires_at = now() + make_interval(secs => $3)
              from picked p where t.tenant_id = p.tenant_id
            returning t.tenant_id, t.tenant_slug""";

    static final String RELEASE_TENANT = """
            update control.webhook_tenant set lease_owner = null, lease_expires_at = null,
                   next_run_at = now() + make_interval(secs => $3)
             where tenant_id = $1 and lease_owner = $2""";

    static final String GIVE_UP = """
            update webhook_delivery set status = 'FAILED', lease_owner = null, lease_expires_at = null
             where status in ('PENDING', 'RETRYING') and created_at < now() - make_interval(secs => $1)
               and (lease_expires_at is null or lease_expires_at < now())""";

    /**
     * Leases, per (webhook, subject) queue, the run of deliveries from its head that are all due and free (at most $4
     * per queue), oldest first, at most $1 in all. Rows another statement holds locked are skipped, and so is
     * everything behind them in their queue: only whole prefixes are leased, so a queue is never sent out of order.
     */
    static final String LEASE_DELIVERIES = """
            with open as (
                select d.id, d.webhook_id, d.subject_id, d.tx_id, d.change_id,
                       row_number() over q as n,
                       count(*) filter (where d.next_attempt_at > now() or d.lease_expires_at >= now()) over q as blocked
                  from webhook_delivery d join webhook w on w.id = d.webhook_id and w.active
                 where d.status in ('PENDING', 'RETRYING') and d.tx_id < pg_snapshot_xmin(pg_current_snapshot())
                window q as (partition by d.webhook_id, d.subject_id order by d.tx_id, d.change_id, d.id)
            ), runs as (
                select id, webhook_id, subject_id, n from open where blocked = 0 and n <= $4
                 order by tx_id, change_id, id limit $1
            ), locked as (
                select d.id, r.webhook_id, r.subject_id, r.n from webhook_delivery d join runs r on r.id = d.id
                   for update of d skip locked
            ), prefixes as (
                select id from (select id, n, row_number() over (partition by webhook_id, subject_id order by n) as k from locked) l
                 where n = k
            )
            update webhook_delivery d set lease_owner = $2, lease_expires_at = now() + make_interval(secs => $3),
                   attempts = d.attempts + 1
              from prefixes l, change c, webhook w
             where d.id = l.id and c.id = d.change_id and w.id = d.webhook_id
            returning d.id as delivery_id, d.uid::text as uid, d.webhook_id, w.url, w.secret_key_id, w.secret, """
            + Change.columns("c");

    /**
     * Records a round's outcomes in one statement ($1 ids, $2 HTTP codes, $3 success, $8 sent): a delivery that was
     * not sent (an earlier one of its queue failed, or the round ran out of time) goes back unchanged, its attempt
     * not counted. Only rows this replica still holds the lease of are written. The time comes as $9: Citus refuses
     * now() inside the case/coalesce of an UPDATE (docs/scale-out.md).
     */
    static final String OUTCOMES = """
            with r as (select * from unnest($1::bigint[], $2::int[], $3::bool[], $8::bool[]) as r(id, code, ok, sent)),
            u as (
                update webhook_delivery d set
                       status = case when not r.sent then d.status when r.ok then 'SUCCEEDED'
                                     when d.created_at < $9::timestamptz - make_interval(secs => $4) then 'FAILED' else 'RETRYING' end,
                       attempts = case when r.sent then d.attempts else d.attempts - 1 end,
                       last_response_code = case when r.sent then r.code else d.last_response_code end,
                       delivered_at = case when r.ok then $9 else d.delivered_at end,
                       next_attempt_at = case when r.ok or not r.sent then d.next_attempt_at
                                              else $9 + make_interval(secs => least($5 * power(2, d.attempts - 1), $6)) end,
                       lease_owner = null, lease_expires_at = null
                  from r where d.id = r.id and d.lease_owner = $7
                returning d.webhook_id, r.ok, r.sent)
            update webhook w set
                   last_success_at = case when s.any_ok then $9 else w.last_success_at end,
                   failing_since = case when s.any_ok then null else coalesce(w.failing_since, $9) end
              from (select webhook_id, bool_or(ok) as any_ok from u where sent group by webhook_id) s
             where w.id = s.webhook_id""";

    /**
     * The reason is built in a CTE: Citus refuses stable functions of a column (to_char, text || int) in an UPDATE's
     * SET (docs/scale-out.md).
     */
    static final String DEACTIVATE = """
            with failing as (
                select w.id, 'Deactivated: every delivery failed since '
                       || to_char(w.failing_since at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
                       || coalesce(' (last answer: HTTP ' || (select d.last_response_code from webhook_delivery d
                            where d.webhook_id = w.id and d.last_response_code is not null order by d.id desc limit 1) || ')',
                            ' (no answer)') as reason
                  from webhook w
                 where w.active and w.failing_since < now() - make_interval(secs => $1))
            update webhook w set active = false, disabled_reason = f.reason from failing f where w.id = f.id and w.active
            returning w.id""";

    record TenantLease(long tenantId, String slug) {
    }

    record Leased(long id, String uid, long webhookId, String url, String keyId, String secret, Change change) {
    }

    /** What became of a leased delivery; {@code sent} false: not attempted this round (its lease is given back). */
    record Outcome(long id, Integer code, boolean ok, boolean sent) {

        static Outcome answered(long id, Integer code, boolean ok) {
            return new Outcome(id, code, ok, true);
        }

        static Outcome notSent(long id) {
            return new Outcome(id, null, false, false);
        }
    }

    /** What one tenant's round did: deliveries leased, succeeded, and whether to go on at once. */
    record Round(int attempted, int succeeded, boolean full) {
    }

    private final Pool pool;
    private final TenantDirectory directory;
    private final TenantTransactions transactions;
    private final WebhookSecrets secrets;
    private final OutboundPolicy outbound;
    private final AuditLog audit;
    private final WebhookConfig config;
    private final TenancyStartup startup;
    private final WebClient client;
    private final String owner;
    private final AtomicInteger inFlight = new AtomicInteger();

    public WebhookDispatcher(Pool pool, TenantDirectory directory, TenantTransactions transactions, WebhookSecrets secrets,
            OutboundPolicy outbound, AuditLog audit, WebhookConfig config, TenancyStartup startup, Vertx vertx) {
        this.pool = pool;
        this.directory = directory;
        this.transactions = transactions;
        this.secrets = secrets;
        this.outbound = outbound;
        this.audit = audit;
        this.config = config;
        this.startup = startup;
        // keep-alive connections, as many per host as queues may be in flight to it
        this.client = WebClient.create(vertx, (WebClientOptions) outbound.clientOptions().setUserAgent("social-crm-webhooks")
                .setKeepAlive(true).setMaxPoolSize(config.connectionsPerHost()));
        this.owner = System.getenv().getOrDefault("HOSTNAME", "replica") + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Scheduled(identity = "webhook-deliveries", every = "${scrm.webhooks.every:1s}", delayed = "5s")
    void tick() {
        if (!config.enabled() || !startup.ready()) {
            return;
        }
        runDue().subscribe().with(done -> {
        }, failure -> LOG.warnf("Webhook tick failed: %s", failure.getClass().getSimpleName()));
    }

    /**
     * Leases due tenants into the free slots and delivers their due deliveries; leases again while some tenant's round
     * came back full (at most {@value #MAX_ROUNDS} rounds). Completes with the number of successful deliveries.
     */
    public Uni<Integer> runDue() {
        return drain(owner, 1);
    }

    private Uni<Integer> drain(String by, int round) {
        int free = config.maxTenants() - inFlight.get();
        if (free <= 0) {
            return Uni.createFrom().item(0);
        }
        inFlight.addAndGet(free);
        return leaseTenants(by, free)
                .onTermination().invoke((leased, failure, cancelled) -> inFlight.addAndGet(-free + (leased == null ? 0 : leased.size())))
                .chain(leased -> leased.isEmpty() ? Uni.createFrom().item(0)
                        : Multi.createFrom().iterable(leased)
                                .onItem().transformToUniAndMerge(tenant -> runTenant(by, tenant)
                                        .onFailure().recoverWithItem(failure -> {
                                            LOG.warnf("Webhook deliveries of a tenant failed: %s", failure.getClass().getSimpleName());
                                            return new Round(0, 0, false);
                                        })
                                        .onTermination().invoke(inFlight::decrementAndGet)
                                        // a tenant with more to send competes again at once for the slot it freed,
                                        // without waiting for the other tenants' rounds
                                        .chain(done -> done.full() && round < MAX_ROUNDS
                                                ? drain(by, round + 1).map(next -> next + done.succeeded())
                                                : Uni.createFrom().item(done.succeeded())))
                                .collect().with(java.util.stream.Collectors.summingInt(Integer::intValue)));
    }

    Uni<List<TenantLease>> leaseTenants(String by, int limit) {
        return pool.withTransaction(connection -> connection.preparedQuery(LEASE_TENANTS)
                .execute(Tuple.of(limit, by, (double) config.lease().toSeconds())))
                .map(rows -> {
                    List<TenantLease> leased = new ArrayList<>();
                    rows.forEach(row -> leased.add(new TenantLease(row.getLong("tenant_id"), row.getString("tenant_slug"))));
                    return leased;
                });
    }

    private Uni<Round> runTenant(String by, TenantLease tenant) {
        return directory.bySlug(tenant.slug()).chain(found -> {
            if (found.isEmpty() || found.get().id() != tenant.tenantId()) {
                return pool.preparedQuery("delete from control.webhook_tenant where tenant_id = $1").execute(Tuple.of(tenant.tenantId()))
                        .replaceWith(new Round(0, 0, false));
            }
            if (found.get().status() != TenantStatus.ACTIVE) {
                return release(by, tenant, Duration.ofMinutes(1)).replaceWith(new Round(0, 0, false));
            }
            TenantScope scope = new TenantScope(found.get());
            return transactions.inTenant(scope, connection -> leaseDeliveries(connection, by))
                    .chain(leased -> send(scope, leased)
                            .chain(outcomes -> (outcomes.isEmpty() ? Uni.createFrom().voidItem()
                                    : transactions.inTenant(scope, connection -> record(connection, by, outcomes)))
                                    .replaceWith(round(leased, outcomes))))
                    .chain(round -> release(by, tenant, round.full() ? Duration.ZERO : config.idlePoll()).replaceWith(round));
        });
    }

    /** A round came back full when something succeeded: more may be waiting behind what it sent. */
    private static Round round(List<Leased> leased, List<Outcome> outcomes) {
        int succeeded = (int) outcomes.stream().filter(Outcome::ok).count();
        return new Round(leased.size(), succeeded, succeeded > 0);
    }

    private Uni<Void> release(String by, TenantLease tenant, Duration after) {
        return pool.preparedQuery(RELEASE_TENANT).execute(Tuple.of(tenant.tenantId(), by, after.toMillis() / 1000.0)).replaceWithVoid();
    }

    /** Gives up on deliveries past their time, then leases the due heads of the queues for {@code by}. */
    Uni<List<Leased>> leaseDeliveries(SqlConnection connection, String by) {
        return connection.preparedQuery(GIVE_UP).execute(Tuple.of((double) config.giveUpAfter().toSeconds()))
                .chain(() -> connection.preparedQuery(LEASE_DELIVERIES)
                        .execute(Tuple.of(config.batchSize(), by, (double) config.lease().toSeconds(), config.perSubject())))
                .map(rows -> {
                    List<Leased> leased = new ArrayList<>();
                    for (Row row : rows) {
                        leased.add(new Leased(row.getLong("delivery_id"), row.getString("uid"), row.getLong("webhook_id"),
                                row.getString("url"), row.getString("secret_key_id"), row.getString("secret"), Change.of(row)));
                    }
                    return leased;
                });
    }

    /**
     * Sends a round's deliveries: the queues (webhook, subject) concurrently, each queue's deliveries one after the
     * other in feed order. After a failure the rest of that queue is not sent (it waits for the failed one's retry),
     * and nothing starts once half the lease has passed, so every request ends while the lease still holds.
     */
    private Uni<List<Outcome>> send(TenantScope scope, List<Leased> leased) {
        Map<Long, String> secretsByWebhook = new HashMap<>();
        Map<Long, Uni<Void>> checkedByWebhook = new HashMap<>();
        Map<List<Long>, List<Leased>> queues = new LinkedHashMap<>();
        for (Leased delivery : leased) {
            queues.computeIfAbsent(List.of(delivery.webhookId(), delivery.change().subject()), k -> new ArrayList<>()).add(delivery);
        }
        long deadline = System.nanoTime() + config.lease().toNanos() / 2;
        return Multi.createFrom().iterable(queues.values())
                .onItem().transformToUni(queue -> {
                    Leased head = queue.get(0);
                    String secret;
                    try {
                        secret = secretsByWebhook.computeIfAbsent(head.webhookId(),
                                id -> secrets.open(head.keyId(), head.secret(), scope.slug()));
                    } catch (RuntimeException e) {
                        LOG.warnf("Webhook %d of tenant %s has an unreadable secret", head.webhookId(), scope.slug());
                        return Uni.createFrom().item(notSentAfter(queue, 0, Outcome.answered(head.id(), null, false)));
                    }
                    Uni<Void> checked = checkedByWebhook.computeIfAbsent(head.webhookId(), id -> checkUrl(head.url()).memoize().indefinitely());
                    return checked.onItem().transformToUni(ok -> sendInOrder(queue, 0, secret, deadline, new ArrayList<>()))
                            .onFailure().recoverWithItem(failure -> notSentAfter(queue, 0, Outcome.answered(head.id(), null, false)));
                }).merge(config.concurrency())
                .collect().in(ArrayList::new, List::addAll);
    }

    /** The outbound rules, checked once per webhook and round (docs/webhooks.md). */
    private Uni<Void> checkUrl(String url) {
        try {
            return outbound.checkBeforeCall(URI.create(url));
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(e);
        }
    }

    private Uni<List<Outcome>> sendInOrder(List<Leased> queue, int from, String secret, long deadline, List<Outcome> outcomes) {
        if (from == queue.size()) {
            return Uni.createFrom().item(outcomes);
        }
        if (System.nanoTime() > deadline) {
            outcomes.addAll(notSentAfter(queue, from - 1, null));
            return Uni.createFrom().item(outcomes);
        }
        return post(queue.get(from), secret).chain(outcome -> {
            outcomes.add(outcome);
            if (!outcome.ok()) {
                outcomes.addAll(notSentAfter(queue, from, null));
                return Uni.createFrom().item(outcomes);
            }
            return sendInOrder(queue, from + 1, secret, deadline, outcomes);
        });
    }

    /** {@code first} (if any) followed by the deliveries of {@code queue} after index {@code last}, as not sent. */
    private static List<Outcome> notSentAfter(List<Leased> queue, int last, Outcome first) {
        List<Outcome> outcomes = new ArrayList<>();
        if (first != null) {
            outcomes.add(first);
        }
        for (int i = last + 1; i < queue.size(); i++) {
            outcomes.add(Outcome.notSent(queue.get(i).id()));
        }
        return outcomes;
    }

    private Uni<Outcome> post(Leased delivery, String secret) {
        String body = delivery.change().toJson().encode();
        long now = Instant.now().getEpochSecond();
        return client.postAbs(delivery.url()).timeout(config.timeout().toMillis())
                .putHeader("Content-Type", "application/json")
                .putHeader("X-SCRM-Event", delivery.change().type())
                .putHeader("X-SCRM-Delivery", delivery.uid())
                .putHeader("X-SCRM-Signature", WebhookSigner.header(secret, now, body))
                .sendBuffer(Buffer.buffer(body))
                .map(response -> Outcome.answered(delivery.id(), response.statusCode(),
                        response.statusCode() >= 200 && response.statusCode() < 300))
                .onFailure().recoverWithItem(failure -> Outcome.answered(delivery.id(), null, false));
    }

    /** Writes the outcomes this replica still holds the lease of, then deactivates webhooks failing for too long. */
    private Uni<Void> record(SqlConnection connection, String by, List<Outcome> outcomes) {
        Long[] ids = outcomes.stream().map(Outcome::id).toArray(Long[]::new);
        Integer[] codes = outcomes.stream().map(Outcome::code).toArray(Integer[]::new);
        Boolean[] ok = outcomes.stream().map(Outcome::ok).toArray(Boolean[]::new);
        Boolean[] sent = outcomes.stream().map(Outcome::sent).toArray(Boolean[]::new);
        return connection.preparedQuery(OUTCOMES).execute(Tuple.tuple().addArrayOfLong(ids).addArrayOfInteger(codes)
                .addArrayOfBoolean(ok).addDouble((double) config.giveUpAfter().toSeconds())
                .addDouble(config.backoffBase().toMillis() / 1000.0).addDouble(config.backoffMax().toMillis() / 1000.0)
                .addString(by).addArrayOfBoolean(sent).addOffsetDateTime(OffsetDateTime.now()))
                .chain(() -> outcomes.stream().allMatch(o -> o.ok() || !o.sent()) ? Uni.createFrom().voidItem() : deactivate(connection));
    }

    private Uni<Void> deactivate(SqlConnection connection) {
        return connection.preparedQuery(DEACTIVATE).execute(Tuple.of((double) config.deactivateAfter().toSeconds()))
                .chain(rows -> {
                    List<Uni<Void>> audits = new ArrayList<>();
                    for (Row row : rows) {
                        LOG.infof("Deactivated webhook %d: its deliveries failed for longer than %s", row.getLong("id"),
                                config.deactivateAfter());
                        audits.add(audit.record(connection, "system", "webhook.deactivated", row.getLong("id").toString(),
                                new JsonObject().put("reason", "failing")));
                    }
                    return audits.isEmpty() ? Uni.createFrom().voidItem() : Uni.join().all(audits).andFailFast().replaceWithVoid();
                });
    }

    String owner() {
        return owner;
    }

    /** For tests: what a replica named {@code by} does up to the moment it would send (then it "stops"). */
    Uni<List<Leased>> leaseWithoutSending(String by) {
        return leaseTenants(by, 100).chain(tenants -> Multi.createFrom().iterable(tenants)
                .onItem().transformToUniAndConcatenate(t -> directory.bySlug(t.slug())
                        .chain(found -> transactions.inTenant(new TenantScope(found.orElseThrow()), c -> leaseDeliveries(c, by))))
                .collect().asList().map(lists -> lists.stream().flatMap(List::stream).toList()));
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
