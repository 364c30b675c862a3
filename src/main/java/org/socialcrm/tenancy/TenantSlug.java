package org.socialcrm.tenancy;

import java.util.Set;
import java.util.regex.Pattern;

import org.socialcrm.common.BadUserInputException;

/**
 * A tenant's slug: lowercase letters, digits and single dashes, 3-40 characters, starting with a letter. The
 * tenant's schema name is derived from it, so a valid slug can never inject anything into SQL.
 */
public final class TenantSlug {

    private static final Pattern SLUG = Pattern.compile("^[a-z](?:[a-z0-9]|-(?=[a-z0-9])){2,39}$");
    private static final Pattern SCHEMA = Pattern.compile("^t_[a-z][a-z0-9_]{2,39}$");
    private static final Set<String> RESERVED = Set.of("control", "public", "admin", "api", "www", "root", "system",
            "platform", "internal", "default", "tenant", "tenants", "graphql", "health", "metrics", "postgres",
            "template0", "template1", "information-schema", "pg-catalog", "pg-toast");

    private TenantSlug() {
    }

    public static boolean isValid(String slug) {
        return slug != null && SLUG.matcher(slug).matches() && !RESERVED.contains(slug) && !slug.startsWith("pg-");
    }

    public static String require(String slug) throws BadUserInputException {
        if (!isValid(slug)) {
            throw new BadUserInputException("slug", "must be 3-40 lowercase letters, digits or single dashes, "
                    + "start with a letter, and not be a reserved word");
        }
        return slug;
    }

    public static String schemaOf(String slug) {
        if (!isValid(slug)) {
            throw new IllegalArgumentException("invalid tenant slug");
        }
        return "t_" + slug.replace('-', '_');
    }

    /** A last check before a schema name reaches SQL. */
    public static boolean isTenantSchema(String schema) {
        return schema != null && SCHEMA.matcher(schema).matches();
    }
}
