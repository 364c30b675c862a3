package org.socialcrm.api;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link EndToEndTest} against the packaged application: `./mvnw verify -Dnative` runs it on the native executable. */
@QuarkusIntegrationTest
class EndToEndIT extends EndToEndTest {
}
