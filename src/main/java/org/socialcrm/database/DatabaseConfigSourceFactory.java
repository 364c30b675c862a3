package org.socialcrm.database;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;

/**
 * Supplies the datasource URLs from one setting, {@code SCRM_DB_URL}. Without it, dev mode and tests get the
 * embedded PostgreSQL, started on a free port the first time a datasource URL is asked for; the prod profile gets
 * nothing here and {@link DatabaseUrlCheck} refuses to start. Explicit {@code quarkus.datasource.*} settings win,
 * as this source's ordinal is below application.properties.
 */
public class DatabaseConfigSourceFactory implements ConfigSourceFactory {

    static final String URL_SETTING = "scrm.db.url";
    static final String URL_ENV = "SCRM_DB_URL";
    private static final Set<String> EMBEDDED_PROFILES = Set.of("dev", "test");

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        String configured = valueOf(context, URL_SETTING);
        if (configured == null) {
            configured = System.getenv(URL_ENV);
        }
        boolean embedded = (configured == null || configured.isBlank())
                && context.getProfiles().stream().anyMatch(EMBEDDED_PROFILES::contains);
        if (!embedded && (configured == null || configured.isBlank())) {
            return List.of();
        }
        String url = configured;
        return List.of(new DatabaseConfigSource(embedded ? null : DatabaseUrl.parse(url)));
    }

    private static String valueOf(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return value == null ? null : value.getValue();
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(200);
    }

    /** Resolves its values lazily, so that building the application never starts a database. */
    static final class DatabaseConfigSource implements ConfigSource {
        private static final Set<String> NAMES = Set.of(
                "quarkus.datasource.reactive.url", "quarkus.datasource.jdbc.url",
                "quarkus.datasource.username", "quarkus.datasource.password");
        private final DatabaseUrl external;
        private volatile Map<String, String> values;

        DatabaseConfigSource(DatabaseUrl external) {
            this.external = external;
        }

        private Map<String, String> values() {
            if (values == null) {
                DatabaseUrl url = external != null ? external : DatabaseUrl.parse(EmbeddedPostgresServer.urlStartingIfNeeded());
                Map<String, String> map = new HashMap<>();
                map.put("quarkus.datasource.reactive.url", url.reactiveUrl());
                map.put("quarkus.datasource.jdbc.url", url.jdbcUrl());
                if (url.username() != null) {
                    map.put("quarkus.datasource.username", url.username());
                }
                if (url.password() != null) {
                    map.put("quarkus.datasource.password", url.password());
                }
                values = Collections.unmodifiableMap(map);
            }
            return values;
        }

        @Override
        public Set<String> getPropertyNames() {
            return NAMES;
        }

        @Override
        public String getValue(String propertyName) {
            return NAMES.contains(propertyName) ? values().get(propertyName) : null;
        }

        @Override
        public String getName() {
            return external != null ? "SCRM_DB_URL" : "embedded-postgresql";
        }

        @Override
        public int getOrdinal() {
            return 200;
        }
    }
}
