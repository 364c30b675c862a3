package org.socialcrm.connector;

import static io.restassured.RestAssured.given;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import jakarta.inject.Inject;

import org.socialcrm.support.Tokens;
import org.socialcrm.tenancy.TenantDirectory;
import org.socialcrm.tenancy.TenantScope;
import org.socialcrm.tenancy.TenantTransactions;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.restassured.response.Response;

/** What the OAuth flow tests share: the tenant, an admin token, starting a flow, reading query strings and forms. */
abstract class OAuthTestSupport {

    static final String TENANT = "lumen-cosmetics";

    @Inject
    TenantTransactions transactions;
    @Inject
    TenantDirectory directory;
    @Inject
    OAuthState states;

    final String adminToken = Tokens.tenantUser(TENANT, "crm-admin");

    TenantScope scope() {
        return ConnectorFixtures.scope(directory, TENANT);
    }

    Response authorize(String token, String tenant, String network, long identity) {
        var request = given().redirects().follow(false);
        if (token != null) {
            request = request.header("Authorization", "Bearer " + token);
        }
        if (tenant != null) {
            request = request.header("X-Tenant-ID", tenant);
        }
        return request.queryParam("identityId", identity).get("/api/connectors/" + network + "/authorize");
    }

    static Map<String, String> query(String location) {
        return pairs(URI.create(location).getRawQuery());
    }

    /** The form a stub received (application/x-www-form-urlencoded). */
    static Map<String, String> form(LoggedRequest request) {
        return pairs(request.getBodyAsString());
    }

    private static Map<String, String> pairs(String raw) {
        Map<String, String> out = new HashMap<>();
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            out.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }
}
