package org.socialcrm.tenancy;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** One stage of a tenant's lifecycle ladder; the order of the list is the order of the ladder. */
public record LifecycleStageDefinition(String key, String label) {

    private static final Pattern KEY = Pattern.compile("^[a-z][a-z0-9_]{0,49}$");

    public static final List<String> DEFAULT_KEYS = List.of("subscriber", "lead", "marketing_qualified_lead",
            "sales_qualified_lead", "opportunity", "customer", "evangelist");

    public static boolean isValidKey(String key) {
        return key != null && KEY.matcher(key).matches();
    }

    public static LifecycleStageDefinition of(String key) {
        if (!isValidKey(key)) {
            return new LifecycleStageDefinition(key, String.valueOf(key));
        }
        String words = key.replace('_', ' ');
        return new LifecycleStageDefinition(key, words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1));
    }

    public static List<LifecycleStageDefinition> defaults() {
        return DEFAULT_KEYS.stream().map(LifecycleStageDefinition::of).toList();
    }
}
