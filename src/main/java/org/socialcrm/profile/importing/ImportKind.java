package org.socialcrm.profile.importing;

import java.util.List;
import java.util.Locale;

import org.socialcrm.common.BadUserInputException;
import org.socialcrm.profile.MatchKey;
import org.socialcrm.security.Permission;

/** What a file brings in, and what the caller needs for it (auth-contract.md). */
public enum ImportKind {
    CONTACTS(Permission.WRITE_CONTACTS),
    TOUCHPOINTS(Permission.WRITE_CAMPAIGNS),
    CONVERSIONS(Permission.WRITE_CAMPAIGNS);

    private final Permission permission;

    ImportKind(Permission permission) {
        this.permission = permission;
    }

    public Permission permission() {
        return permission;
    }

    /** The keys rows of this kind are matched by, in their default order of precedence. */
    public List<MatchKey> matchKeys() {
        return this == CONTACTS ? List.of(MatchKey.values()) : EventImports.MATCH_KEYS;
    }

    /** The value of {@code import_job.kind} and of the {@code kind} query parameter. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The {@code kind} query parameter; contacts when absent. */
    public static ImportKind parse(String kind) {
        if (kind == null || kind.isBlank()) {
            return CONTACTS;
        }
        for (ImportKind k : values()) {
            if (k.key().equals(kind.trim().toLowerCase(Locale.ROOT))) {
                return k;
            }
        }
        throw new BadUserInputException("kind", "must be contacts, touchpoints or conversions");
    }
}
