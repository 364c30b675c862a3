package org.socialcrm.connector;

import java.net.URI;
import java.time.Instant;
import java.util.Locale;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.NewCookie;
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
 * expiring state (and a PKCE challenge of a random, stored verifier when configured), opens the flow in
 * {@link OAuthFlows} and hands the starting browser a binding cookie. {@code GET /api/connectors/{network}/callback?code&state}
 * (no bearer token: a browser redirect) claims the flow once, only with that cookie, exchanges the code and connects
 * the account in the flow's tenant.
 */
@Path("/api/connectors/{network}")
public class OAuthResource {

    private static final Logger LOG = Logger.getLogger(OAuthResource.class);
    /** Name prefix of the cookie holding a flow's binding secret; the state id follows. */
    static final String BINDING_COOKIE = "scrm_oauth_";

    private final TenantRequests requests;
    private final TenantAccess access;
    private final TenantDirectory directory;
    private final TenantTransactions transactions;
    private final ConnectorAccounts accounts;
    private final OAuthState states;
    private final OAuthTokens tokens;
    private final ConnectorConfig config;
    private final AuditLog audit;
    private final OAuthFlows flows;

    public OAuthResource(TenantRequests requests, TenantAccess access, TenantDirectory directory, TenantTransactions transactions,
            ConnectorAccounts accounts, OAuthState states, OAuthTokens tokens, ConnectorConfig config, AuditLog audit,
            OAuthFlows flows) {
        this.flows = flows;
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
                .chain(scope -> {
                    Instant expiresAt = Instant.now().plus(config.oauth().stateTtl());
                    String subject = access.caller().subject();
                    OAuthState.Issued issued = states.issue(scope.slug(), identity, network, subject, expiresAt);
                    String binding = states.randomToken(32);
                    String verifier = settings.pkce() ? states.randomToken(32) : null;
                    return flows.open(new OAuthFlows.Flow(issued.id(), scope.slug(), network, identity, subject,
                            OAuthState.bindingHash(binding), verifier, expiresAt))
                            .map(opened -> authorizeAnswer(network, settings, issued, binding, verifier, redirect));
                });
    }

    private Response authorizeAnswer(Network network, ConnectorConfig.NetworkSettings settings, OAuthState.Issued issued,
            String binding, String verifier, String redirect) {
        String state = issued.state();
        StringBuilder url = new StringBuilder(settings.authorizeUrl().get())
                .append(settings.authorizeUrl().get().contains("?") ? '&' : '?')
                .append("response_type=code&client_id=").append(HttpAnswers.segment(settings.clientId().get()))
                .append("&redirect_uri=").append(HttpAnswers.segment(redirectUri(network)))
                .append("&state=").append(HttpAnswers.segment(state));
        settings.scopes().ifPresent(s -> url.append("&scope=").append(HttpAnswers.segment(s)));
        if (verifier != null) {
            url.append("&code_challenge=").append(OAuthState.codeChallenge(verifier))
                    .append("&code_challenge_method=S256");
        }
        Response answer = "false".equals(redirect)
                ? RestErrors.json(200, new JsonObject().put("authorizeUrl", url.toString()))
                : Response.status(302).location(URI.create(url.toString())).build();
        return Response.fromResponse(answer).cookie(bindingCookie(network, issued.id(), binding,
                (int) config.oauth().stateTtl().toSeconds())).build();
    }

    /**
     * The binding secret of a flow, held by the browser that started it and sent back with the network's redirect to
     * the callback (SameSite=Lax cookies go with top-level navigations); only its hash is stored.
     */
    private NewCookie bindingCookie(Network network, String stateId, String value, int maxAge) {
        return new NewCookie.Builder(BINDING_COOKIE + stateId).value(value).path(callbackPath(network)).maxAge(maxAge)
                .httpOnly(true).secure(config.oauth().publicBaseUrl().startsWith("https:")).sameSite(NewCookie.SameSite.LAX)
                .build();
    }

    @GET
    @Path("/callback")
    public Uni<Response> callback(@PathParam("network") String networkName, @QueryParam("code") String code,
            @QueryParam("state") String state, @QueryParam("error") String error, @Context HttpHeaders headers) {
        Network network = network(networkName);
        if (error != null) {
            return Uni.createFrom().item(RestErrors.json(400, new JsonObject().put("code", "OAUTH_DENIED")
                    .put("message", "The network did not grant access.")));
        }
        OAuthState.Claims claims = states.verify(state, Instant.now()).filter(c -> c.network() == network).orElse(null);
        if (claims == null || code == null || code.isBlank() || code.length() > 4096) {
            return Uni.createFrom().item(invalidState());
        }
        Cookie binding = headers.getCookies().get(BINDING_COOKIE + claims.nonce());
        if (binding == null || binding.getValue() == null || binding.getValue().isBlank()) {
            return Uni.createFrom().item(invalidState());
        }
        return flows.claim(claims.nonce(), OAuthState.bindingHash(binding.getValue())).chain(claim -> {
            if (claim.outcome() == OAuthFlows.Outcome.ALREADY_USED) {
                return Uni.createFrom().item(RestErrors.json(400, new JsonObject().put("code", "STATE_ALREADY_USED")
                        .put("message", "This sign-in link was already used; start again.")));
            }
            if (claim.outcome() != OAuthFlows.Outcome.CLAIMED || claim.flow().network() != network) {
                return Uni.createFrom().item(invalidState());
            }
            return complete(network, code, claim.flow());
        }).map(answer -> Response.fromResponse(answer).cookie(new NewCookie.Builder(BINDING_COOKIE + claims.nonce()).value("")
                .path(callbackPath(network)).maxAge(0).build()).build());
    }

    /** Exchanges the code of a claimed flow and connects the account in the flow's tenant. */
    private Uni<Response> complete(Network network, String code, OAuthFlows.Flow flow) {
        return directory.bySlug(flow.tenant()).chain(found -> {
            if (found.isEmpty() || found.get().status() != TenantStatus.ACTIVE) {
                return Uni.createFrom().item(invalidState());
            }
            TenantScope scope = new TenantScope(found.get());
            return tokens.exchangeCode(network, code, redirectUri(network), flow.codeVerifier())
                    .chain(pair -> transactions.inTenant(scope, connection -> accounts
                            .connect(connection, scope, network, flow.identityId(), pair, null)
                            .call(account -> audit.record(connection, flow.subject(), "connector.connect.oauth", account.id(), null))))
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
        return config.oauth().publicBaseUrl() + callbackPath(network);
    }

    private static String callbackPath(Network network) {
        return "/api/connectors/" + network.name().toLowerCase(Locale.ROOT) + "/callback";
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
