package org.socialcrm.support;

import io.quarkus.test.common.QuarkusTestResource;

/** Every @QuarkusTest runs against the test OIDC server (the embedded PostgreSQL starts with the configuration). */
@QuarkusTestResource(OidcTestServer.class)
public final class GlobalTestResources {

    private GlobalTestResources() {
    }
}
