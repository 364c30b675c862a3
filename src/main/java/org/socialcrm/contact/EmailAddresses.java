package org.socialcrm.contact;

import java.util.Locale;
import java.util.regex.Pattern;

/** Email addresses: the syntax check of every write, and the case-folded form that matching compares. */
public final class EmailAddresses {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]{2,}$");

    private EmailAddresses() {
    }

    public static boolean valid(String email) {
        return email != null && email.length() <= 254 && EMAIL.matcher(email).matches();
    }

    /** Trimmed and case-folded (the matching key). */
    public static String normalize(String email) {
        return email == null ? null : email.trim().toLowerCase(Locale.ROOT);
    }
}
