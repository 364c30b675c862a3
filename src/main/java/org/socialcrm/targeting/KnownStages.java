package org.socialcrm.targeting;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.socialcrm.common.BadUserInputException;

/**
 * The tenant's lifecycle stages a filter or rule may name. Deferred (the compiled read, which compiles before the
 * tenant is resolved): every stage passes and is remembered, and the read checks them against the tenant later.
 */
public final class KnownStages {

    private final List<String> keys;
    private final Set<String> named = new LinkedHashSet<>();

    private KnownStages(List<String> keys) {
        this.keys = keys;
    }

    public static KnownStages of(List<String> keys) {
        return new KnownStages(List.copyOf(keys));
    }

    public static KnownStages deferred() {
        return new KnownStages(null);
    }

    void require(String stage, String field) {
        named.add(stage);
        if (keys != null && !keys.contains(stage)) {
            throw new BadUserInputException(field, "unknown stage " + stage);
        }
    }

    /** Every stage named so far. */
    public Set<String> named() {
        return Set.copyOf(named);
    }
}
