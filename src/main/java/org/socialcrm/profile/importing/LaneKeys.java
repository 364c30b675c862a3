package org.socialcrm.profile.importing;

import java.util.List;
import java.util.Locale;

import org.socialcrm.identity.Handles;
import org.socialcrm.profile.MatchKey;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The bucket of a staged contact row: a hash of its first match key in {@code matchOn} order, loosely normalised
 * (trimmed, e-mail and handle case-folded, a phone's last nine digits so national and international forms agree).
 * The worker's lanes split a job by bucket, so lines naming one person by that key are applied by one lane in file
 * order. Rows that share only another key may land in two lanes: the unique indexes catch that (ContactUpserts
 * refuses a batch whose key another transaction took, and the lane retries it), so this is about order and fewer
 * retries, not about correctness.
 */
final class LaneKeys {

    static final int BUCKETS = 1 << 15;

    private LaneKeys() {
    }

    static short bucket(JsonObject row, List<MatchKey> matchOn) {
        try {
            for (MatchKey kind : matchOn == null || matchOn.isEmpty() ? List.of(MatchKey.values()) : matchOn) {
                String key = key(row, kind);
                if (key != null && !key.isEmpty()) {
                    return bucket(kind, key);
                }
            }
        } catch (ClassCastException e) {
            // a value of the wrong type: the row is rejected when applied, any lane will do
        }
        return 0;
    }

    /** The bucket of a key of that kind, normalised as above (CSV records: ImportColumns.bucket). */
    static short bucket(MatchKey kind, String key) {
        return (short) (mix(kind.ordinal() * 31 + key.hashCode()) & (BUCKETS - 1));
    }

    /**
     * The lane group of a bucket: staged lines are chunked per group ({@code import_chunk.lane_group}, as many groups
     * as the lanes configured when the file is staged) and lane i of n applies the groups that are i modulo n, so a
     * job resumed with another number of lanes still applies each key's lines in one lane.
     */
    static short group(short bucket, int groups) {
        return (short) (bucket % groups);
    }

    private static String key(JsonObject row, MatchKey kind) {
        return switch (kind) {
            case EXTERNAL_ID -> {
                JsonObject id = first(row.getJsonArray("externalIds")) instanceof JsonObject o ? o : null;
                yield id == null || id.getString("system") == null || id.getString("value") == null ? null
                        : id.getString("system").trim() + '\u001f' + id.getString("value").trim();
            }
            case EMAIL -> first(row.getJsonArray("emails")) instanceof String email ? email.trim().toLowerCase(Locale.ROOT) : null;
            case PHONE -> first(row.getJsonArray("phones")) instanceof String phone ? lastDigits(phone, 9) : null;
            case SOCIAL_HANDLE -> {
                JsonObject identity = first(row.getJsonArray("socialIdentities")) instanceof JsonObject o ? o : null;
                yield identity == null || identity.getString("network") == null ? null
                        : identity.getString("network").toUpperCase(Locale.ROOT) + '\u001f' + Handles.normalize(identity.getString("handle"));
            }
        };
    }

    /** MurmurHash3's finaliser: String.hashCode's low bits follow the last characters (A-1, B-1 alternate parity). */
    private static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        return h ^ (h >>> 16);
    }

    private static Object first(JsonArray array) {
        return array == null || array.isEmpty() ? null : array.getValue(0);
    }

    static String lastDigits(String phone, int n) {
        StringBuilder digits = new StringBuilder();
        for (int i = phone.length() - 1; i >= 0 && digits.length() < n; i--) {
            if (Character.isDigit(phone.charAt(i))) {
                digits.append(phone.charAt(i));
            }
        }
        return digits.reverse().toString();
    }
}
