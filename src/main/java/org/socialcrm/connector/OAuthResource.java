package org.socialcrm.connector;

import java.net.URI;
import java.time.Instant;
import java.util.Locale;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.socialcrm.audit.AuditLog;
import org.socialcrm.common.BadUserInputException;
import org.socialcrm.common.Ids;
import org.socialcrm.common.Network;
import org.socialcrm.common.NotFoundException;
import org.socialcrm.common.RestErrors;
import org.socialcrm.security.Permission;
import org.socialcrm.security.TenantAccess;
import org.socialcrm.security.TenantRequests;
import org.socialcrm.tenancy.TenantDirectory;
import org.socialcrm.tenancy.TenantScope;
import org.socialcrm.tenancy.TenantStatus;
import org.socialcrm.tenancy.TenantTransactions;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The OAuth authorization-code connect flow. {@code GET /api/connectors/{network}/authorize?identityId=} (bearer
 * token, X-Tenant-ID, MANAGE_CONNECTORS) redirects to the network's authorize URL with a signed, tenant-bound,
 * expiring state (and PKCE when configured). {@code GET /api/connectors/{network}/callback?code&state} (no bearer
 * token: the state is the proof) exchanges the code and connects the account in the state's tenant.
 */
@Path("/api/connectors/{network}")
public class OAuthResource {

    private static final Logger LOG = Logger.getLogger(OAuthResource.class);

    private final TenantRequests requests;
    private final TenantAccess access;
    private final TenantDirectory directory;
    private final TenantTransactions transactions;
    private final ConnectorAccounts accounts;
    private final OAuthState states;
    private final OAuthTokens tokens;
    private final ConnectorConfig config;
    private final AuditLog audit;

    public OAuthResource(TenantRequests requests, TenantAccess access, TenantDirectory directory, TenantTransactions transactions,
            ConnectorAccounts accounts, OAuthState states, OAuthTokens tokens, ConnectorConfig config, AuditLog audit) {
        this.requests = requests;
        this.access = access;
        this.directory = directory;
        this.transactions = transactions;
        this.accounts = accounts;
        this.states = states;
        this.tokens = tokens;
        this.config = config;
        this.audit = audit;
    }

    @GET
    @Path("/authorize")
    public Uni<Response> authorize(@PathParam("network") String networkName, @QueryParam("identityId") String identityId,
            @QueryParam("redirect") String redirect) {
        Network network = network(networkName);
        ConnectorConfig.NetworkSettings settings = config.network(network);
        if (settings.authorizeUrl().isEmpty() || settings.clientId().isEmpty() || settings.tokenUrl().isEmpty()) {
            throw new BadUserInputException("network", "has no OAuth client configured; use connectSocialAccount");
        }
        long identity = Ids.require(identityId, "identityId");
        return requests.run(Permission.MANAGE_CONNECTORS, (scope, connection) -> connection
                .preparedQuery("select network from social_identity where id = $1").execute(Tuple.of(identity))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw new NotFoundException("No social identity with this id.");
                    }
                    if (!network.name().equals(rows.iterator().next().getString("network"))) {
                        throw new BadUserInputException("identityId", "belongs to another network");
                    }
                    return scope;
                }))
                .map(scope -> {
                    String state = states.sign(scope.slug(), identity, network, access.caller().subject(),
                            Instant.now().plus(config.oauth().stateTtl()));
                    StringBuilder url = new StringBuilder(settings.authorizeUrl().get())
                            .append(settings.authorizeUrl().get().contains("?") ? '&' : '?')
                            .append("response_type=code&client_id=").append(HttpAnswers.segment(settings.clientId().get()))
                            .append("&redirect_uri=").append(HttpAnswers.segment(redirectUri(network)))
                            .append("&state=").append(HttpAnswers.segment(state));
                    settings.scopes().ifPresent(s -> url.append("&scope=").append(HttpAnswers.segment(s)));
                    if (settings.pkce()) {
                        String nonce = states.verify(state, Instant.now()).orElseThrow().nonce();
                        url.append("&code_challenge=").append(OAuthState.codeChallenge(states.codeVerifier(nonce)))
                                .append("&code_challenge_method=S256");
                    }
                    if ("false".equals(redirect)) {
                        return RestErrors.json(200, new JsonObject().put("authorizeUrl", url.toString()));
                    }
                    return Response.status(302).location(URI.create(url.toString())).build();
                });
    }

    @GET
    @Path("/callback")
    public Uni<Response> callback(@PathParam("network") String networkName, @QueryParam("code") String code,
            @QueryParam("state") String state, @QueryParam("error") String error) {
        Network network = network(networkName);
        if (error != null) {
            return Uni.createFrom().item(RestErrors.json(400, new JsonObject().put("code", "OAUTH_DENIED")
                    .put("message", "The network did not grant access.")));
        }
        OAuthState.Claims claims = states.verify(state, Instant.now()).filter(c -> c.network() == network).orElse(null);
        if (claims == null || code == null || code.isBlank() || code.length() > 4096) {
            return Uni.createFrom().item(invalidState());
        }
        return directory.bySlug(claims.tenant()).chain(found -> {
            if (found.isEmpty() || found.get().status() != TenantStatus.ACTIVE) {
                return Uni.createFrom().item(invalidState());
            }
            TenantScope scope = new TenantScope(found.get());
            String verifier = config.network(network).pkce() ? states.codeVerifier(claims.nonce()) : null;
            return tokens.exchangeCode(network, code, redirectUri(network), verifier)
                    .chain(pair -> transactions.inTenant(scope, connection -> accounts
                            .connect(connection, scope, network, claims.identityId(), pair, null)
                            .call(account -> audit.record(connection, claims.subject(), "connector.connect.oauth", account.id(), null))))
                    .map(account -> {
                        LOG.infof("Connected %s account %s through OAuth", network, account.id());
                        if (config.oauth().completionUrl().isPresent()) {
                            String target = config.oauth().completionUrl().get() + "?network=" + network.name()
                                    + "&accountId=" + account.id() + "&status=connected";
                            return Response.status(302).location(URI.create(target)).build();
                        }
                        return RestErrors.json(200, new JsonObject().put("connected", true).put("network", network.name())
                                .put("accountId", account.id()));
                    })
                    .onFailure(ConnectorFailure.class).recoverWithItem(failure -> RestErrors.json(502, new JsonObject()
                            .put("code", "TOKEN_EXCHANGE_FAILED").put("message", failure.getMessage())));
        });
    }

    private String redirectUri(Network network) {
        return config.oauth().publicBaseUrl() + "/api/connectors/" + network.name().toLowerCase(Locale.ROOT) + "/callback";
    }

    private static Response invalidState() {
        return RestErrors.json(400, new JsonObject().put("code", "INVALID_STATE")
                .put("message", "The sign-in link is invalid or has expired; start again."));
    }

    private static Network network(String name) {
        try {
            Network network = Network.valueOf(name.toUpperCase(Locale.ROOT));
            if (network == Network.X || network == Network.YOUTUBE || network == Network.INSTAGRAM || network == Network.MASTODON
                    || network == Network.BLUESKY) {
                return network;
            }
        } catch (IllegalArgumentException ignored) {
            // fall through
        }
        throw new NotFoundException("No connector for this network.");
    }
}
