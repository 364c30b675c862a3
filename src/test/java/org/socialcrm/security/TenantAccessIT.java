package org.socialcrm.security;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link TenantAccessTest} against the packaged application (native with -Dnative). */
@QuarkusIntegrationTest
class TenantAccessIT extends TenantAccessTest {
}
