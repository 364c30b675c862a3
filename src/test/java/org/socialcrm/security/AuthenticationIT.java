package org.socialcrm.security;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link AuthenticationTest} against the packaged application (native with -Dnative). */
@QuarkusIntegrationTest
class AuthenticationIT extends AuthenticationTest {
}
