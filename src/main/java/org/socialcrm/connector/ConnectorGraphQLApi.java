package org.socialcrm.connector;

import java.util.List;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.socialcrm.common.BadUserInputException;
import org.socialcrm.common.Ids;
import org.socialcrm.common.NotFoundException;
import org.socialcrm.common.PageSize;
import org.socialcrm.common.RateLimitedException;
import org.socialcrm.change.ChangeStream;
import org.socialcrm.common.SafeFailures;
import org.socialcrm.change.ChangeTypes;
import org.socialcrm.security.Permission;
import org.socialcrm.security.TenantRequests;
import org.socialcrm.tenancy.TenantScope;

import io.smallrye.graphql.api.Subscription;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

@GraphQLApi
public class ConnectorGraphQLApi {

    private final TenantRequests requests;
    private final ConnectorAccounts accounts;
    private final JobLeaser leaser;
    private final SyncRunner runner;
    private final NetworkBudget budget;
    private final ConnectorRegistry registry;
    private final ConnectorScheduler scheduler;
    private final ChangeStream changes;
    private final InstanceUrls instances;

    public ConnectorGraphQLApi(TenantRequests requests, ConnectorAccounts accounts, JobLeaser leaser,
            SyncRunner runner, NetworkBudget budget, ConnectorRegistry registry, ConnectorScheduler scheduler, ChangeStream changes,
            InstanceUrls instances) {
        this.instances = instances;
        this.requests = requests;
        this.accounts = accounts;
        this.leaser = leaser;
        this.runner = runner;
        this.budget = budget;
        this.registry = registry;
        this.scheduler = scheduler;
        this.changes = changes;
    }

    @Query("connectorAccounts")
    public Uni<@NonNull List<@NonNull ConnectorAccount>> connectorAccounts() {
        return requests.run(Permission.READ, accounts::list);
    }

    @Query("syncRuns")
    @Description("The newest pulls first, of one account or of all.")
    public Uni<@NonNull List<@NonNull SyncRun>> syncRuns(@Id @Name("accountId") String accountId, @DefaultValue("20") Integer first) {
        return requests.run(Permission.READ, connection -> {
            int size = PageSize.check(first, 20);
            return accounts.runs(connection, accountId == null ? null : Ids.parse(accountId), size);
        });
    }

    @Mutation("connectSocialAccount")
    @Description("Stores a social account's OAuth tokens (encrypted at rest) and schedules its sync.")
    public Uni<@NonNull ConnectorAccount> connectSocialAccount(@NonNull @Name("input") ConnectSocialAccountInput input) {
        return requests.mutate(Permission.MANAGE_CONNECTORS, "connector.connect", (scope, connection) -> {
            if (!registry.supports(input.network())) {
                throw new BadUserInputException("network", "has no connector");
            }
            long identityId = Ids.require(input.identityId(), "identityId");
            String instanceUrl = instances.check(input.network(), input.instanceUrl());
            return accounts.connect(connection, scope, input.network(), identityId,
                    new TokenPair(input.accessToken(), input.refreshToken(), input.expiresAt()), input.externalAccountId(),
                    input.syncIntervalSeconds(), instanceUrl);
        }, ConnectorAccount::id);
    }

    @Mutation("disconnectSocialAccount")
    public Uni<@NonNull Boolean> disconnectSocialAccount(@Id @NonNull @Name("id") String id) {
        long accountId = Ids.parse(id);
        return requests.mutate(Permission.MANAGE_CONNECTORS, "connector.disconnect",
                (scope, connection) -> accounts.disconnect(connection, scope, accountId), done -> id);
    }

    @Mutation("syncNow")
    @Description("Pulls the account now and answers with the finished run.")
    public Uni<@NonNull SyncRun> syncNow(@Id @NonNull @Name("accountId") String accountId) {
        long id = Ids.parse(accountId);
        Uni<TenantScope> leased = requests.mutate(Permission.MANAGE_CONNECTORS, "connector.syncNow",
                (scope, connection) -> accounts.find(connection, id).chain(account -> {
                    if (account == null) {
                        return Uni.createFrom().failure(new NotFoundException("No connector account with this id."));
                    }
                    if (account.status() == ConnectorStatus.NEEDS_REAUTH || account.status() == ConnectorStatus.PAUSED) {
                        return Uni.createFrom().failure(new BadUserInputException("accountId",
                                "the account needs to be connected again before it can sync"));
                    }
                    if (!budget.tryAcquire(account.network())) {
                        return Uni.createFrom().failure(new RateLimitedException("The request budget for this network is spent; try again shortly."));
                    }
                    return leaser.leaseOne(connection, scope, id, account.network(), scheduler.owner()).map(ok -> {
                        if (!ok) {
                            throw new RateLimitedException("A pull of this account is already running; try again shortly.");
                        }
                        return scope;
                    });
                }), scope -> accountId);
        return SafeFailures.guard(leased.chain(scope -> runner.pull(scope, id)).map(run -> {
            if (run == null) {
                throw new NotFoundException("No connector account with this id.");
            }
            return run;
        }));
    }

    @Subscription("syncCompleted")
    @Description("Finished pulls of the caller's tenant, read from the change feed after they commit. after: a changeCursor "
            + "to resume from.")
    public Multi<@NonNull SyncRun> syncCompleted(@Name("after") String after) {
        return changes.subscribe(after, List.of(ChangeTypes.SYNC_COMPLETED), (subscriber, batch) -> Uni.createFrom().item(batch.stream()
                .map(c -> SyncRun.fromJson(new io.vertx.core.json.JsonObject(c.data().toString()), c.position().cursor())).toList()));
    }
}
