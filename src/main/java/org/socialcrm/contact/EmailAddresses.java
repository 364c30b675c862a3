package org.socialcrm.contact;

import java.util.Locale;

/** Email addresses: the syntax check of every write, and the case-folded form that matching compares. */
public final class EmailAddresses {

    private EmailAddresses() {
    }

    /**
     * At most 254 characters: 1-64 characters, '@', then a domain with a '.' that has a character before it and two
     * after it; no second '@' and no whitespace ({@code [ \t\n\x0B\f\r]}) anywhere; lengths of the parts count code
     * points. It is the regular expression {@code ^[^@\s]{1,64}@[^@\s]+\.[^@\s]{2,}$} written out (EmailAddressesTest
     * compares the two): the expression was one of the hot spots of an import, run once per e-mail.
     */
    public static boolean valid(String email) {
        if (email == null || email.length() > 254) {
            return false;
        }
        int n = email.length();
        int at = -1;
        for (int i = 0; i < n; i++) {
            char c = email.charAt(i);
            if (c == '@') {
                if (at >= 0) {
                    return false;
                }
                at = i;
            } else if (c == ' ' || c == '\t' || c == '\n' || c == '\013' || c == '\f' || c == '\r') {
                return false;
            }
        }
        if (at < 1 || at > 128 || email.codePointCount(0, at) > 64) {
            return false;
        }
        // a '.' with at least one code point between '@' and it, and two after it
        for (int dot = email.lastIndexOf('.'); dot > at + 1; dot = email.lastIndexOf('.', dot - 1)) {
            if (dot + 2 < n && email.codePointCount(dot + 1, n) >= 2) {
                return true;
            }
        }
        return false;
    }

    /** Trimmed and case-folded (the matching key). */
    public static String normalize(String email) {
        return email == null ? null : email.trim().toLowerCase(Locale.ROOT);
    }
}
