package org.socialcrm.support;

import io.quarkus.test.common.QuarkusTestResource;

/** Every @QuarkusTest and @QuarkusIntegrationTest runs against the test OIDC server and the embedded PostgreSQL. */
@QuarkusTestResource(OidcTestServer.class)
@QuarkusTestResource(EmbeddedDatabaseResource.class)
public final class GlobalTestResources {

    private GlobalTestResources() {
    }
}
