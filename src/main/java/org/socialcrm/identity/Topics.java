package org.socialcrm.identity;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.socialcrm.common.BadUserInputException;

/** Influencer topics: trimmed, lowercased, distinct, at most {@link #MAX} of at most {@link #MAX_LENGTH} characters. */
public final class Topics {

    public static final int MAX = 20;
    public static final int MAX_LENGTH = 64;

    private Topics() {
    }

    public static String normalize(String topic) {
        return topic == null ? null : topic.trim().toLowerCase(Locale.ROOT);
    }

    public static List<String> normalize(List<String> topics) {
        Set<String> distinct = new LinkedHashSet<>();
        for (String topic : topics) {
            String normalized = normalize(topic);
            if (normalized == null || normalized.isEmpty() || normalized.length() > MAX_LENGTH) {
                throw new BadUserInputException("topics", "each topic must be 1-" + MAX_LENGTH + " characters");
            }
            distinct.add(normalized);
        }
        if (distinct.size() > MAX) {
            throw new BadUserInputException("topics", "at most " + MAX + " distinct topics");
        }
        return List.copyOf(distinct);
    }
}
