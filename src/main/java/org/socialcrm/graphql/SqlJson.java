package org.socialcrm.graphql;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.socialcrm.tenancy.TenantScope;

import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The statement a compiled read builds: bound parameters numbered as they are added, fresh table aliases, embedded
 * statements of the feature repositories (renumbered), and checks that need the resolved tenant.
 */
public final class SqlJson {

    private static final Pattern PARAMETER = Pattern.compile("\\$(\\d+)");

    private final List<Object> params = new ArrayList<>();
    private final List<Predicate<TenantScope>> tenantChecks = new ArrayList<>();
    private int aliases;

    /** A placeholder for a bound value. */
    public String param(Object value) {
        params.add(value);
        return "$" + params.size();
    }

    public String alias(String prefix) {
        return prefix + (++aliases);
    }

    /** Another statement's SQL with its parameters appended to this one's ($1 becomes $n+1, ...). */
    public String embed(String sql, Tuple values) {
        int offset = params.size();
        for (int i = 0; i < values.size(); i++) {
            params.add(values.getValue(i));
        }
        Matcher matcher = PARAMETER.matcher(sql);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(out, "\\$" + (Integer.parseInt(matcher.group(1)) + offset));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** A condition on the tenant the request resolves to; when it fails the read goes the general way. */
    public void requireTenant(Predicate<TenantScope> check) {
        tenantChecks.add(check);
    }

    Tuple params() {
        return Tuple.from(params);
    }

    boolean admits(TenantScope scope) {
        return tenantChecks.stream().allMatch(check -> check.test(scope));
    }

    public static String text(String literal) {
        return "'" + literal.replace("'", "''") + "'";
    }
}
