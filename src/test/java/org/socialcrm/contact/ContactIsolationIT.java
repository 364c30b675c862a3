package org.socialcrm.contact;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link ContactIsolationTest} against the packaged application (native with -Dnative). */
@QuarkusIntegrationTest
class ContactIsolationIT extends ContactIsolationTest {
}
