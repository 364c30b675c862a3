package org.socialcrm.contact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The written-out check answers as the regular expression it replaced, on every short text and on long ones. */
class EmailAddressesTest {

    /** The check of every write until session 12. */
    private static final Pattern REFERENCE = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]{2,}$");

    private static boolean reference(String email) {
        return email != null && email.length() <= 254 && REFERENCE.matcher(email).matches();
    }

    /** Every character class the expression tells apart: plain, '@', '.', each whitespace, other space, a pair, a lone surrogate. */
    private static final String[] ALPHABET = { "a", "@", ".", " ", "\t", "\n", "\u000B", "\f", "\r", "\u00A0", "\uD83D\uDE00", "\uDE00" };

    @Test
    void everyShortTextAsTheExpression() {
        int valid = 0;
        for (int length = 0; length <= 6; length++) {
            int[] digits = new int[length];
            while (true) {
                StringBuilder text = new StringBuilder();
                for (int d : digits) {
                    text.append(ALPHABET[d]);
                }
                String s = text.toString();
                assertEquals(reference(s), EmailAddresses.valid(s), () -> "text " + s.chars().mapToObj(Integer::toHexString).toList());
                valid += reference(s) ? 1 : 0;
                int d = length - 1;
                while (d >= 0 && ++digits[d] == ALPHABET.length) {
                    digits[d--] = 0;
                }
                if (d < 0) {
                    break;
                }
            }
        }
        assertTrue(valid > 500, "valid " + valid);
    }

    @Test
    void lengthsAtTheirBoundsAsTheExpression() {
        Random random = new Random(12);
        String[] locals = { "a".repeat(63), "a".repeat(64), "a".repeat(65), "\uD83D\uDE00".repeat(64), "\uD83D\uDE00".repeat(65),
            "\uD83D\uDE00".repeat(33) + "a".repeat(31), "first.last+tag", "" };
        String[] domains = { "example.com", "a.b", "a.bc", ".bc", "a..bc", "a.\uD83D\uDE00", "a.\uD83D\uDE00\uD83D\uDE00", "x".repeat(180) + ".org",
            "x".repeat(250) + ".org", "b.c.", "b.c.d", "@x.org", "x .org" };
        for (String local : locals) {
            for (String domain : domains) {
                String s = local + "@" + domain;
                assertEquals(reference(s), EmailAddresses.valid(s), () -> "text " + s);
            }
        }
        for (int r = 0; r < 100_000; r++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(300);
            for (int i = 0; i < length; i++) {
                text.append(random.nextInt(10) == 0 ? ALPHABET[random.nextInt(ALPHABET.length)] : "a");
            }
            String s = text.toString();
            assertEquals(reference(s), EmailAddresses.valid(s), () -> "text " + s);
        }
        assertTrue(EmailAddresses.valid("ann.lee+crm@example.co.uk"));
        assertFalse(EmailAddresses.valid("not-an-email"));
        assertFalse(EmailAddresses.valid(null));
    }
}
