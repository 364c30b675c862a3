package org.socialcrm.profile.importing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;

/** The record splitter gives Jackson's answers: on every text of up to 7 characters of an alphabet with every special one. */
class CsvCellsTest {

    private static final ObjectReader JACKSON = new CsvMapper().readerFor(String[].class);
    private static final char[] ALPHABET = { 'a', ',', '"', ' ', '\n', '\r', '\t' };

    /** Jackson's cells, or null when it refuses the text. */
    private static String[] jackson(String text) {
        try {
            String[] cells = JACKSON.readValue(text);
            return cells == null ? new String[0] : cells;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String[] ours(String text) {
        try {
            return CsvCells.of(text);
        } catch (IOException e) {
            return null;
        }
    }

    @Test
    void everyShortTextSplitsAsJacksonSplitsIt() {
        int plain = 0;
        int texts = 0;
        char[] text = new char[7];
        for (int length = 1; length <= text.length; length++) {
            int[] digits = new int[length];
            while (true) {
                for (int i = 0; i < length; i++) {
                    text[i] = ALPHABET[digits[i]];
                }
                String s = new String(text, 0, length);
                String[] fast = CsvCells.plain(s);
                if (fast != null) {
                    plain++;
                    assertArrayEquals(jackson(s), fast, () -> "text " + Arrays.toString(s.toCharArray()));
                }
                texts++;
                int d = length - 1;
                while (d >= 0 && ++digits[d] == ALPHABET.length) {
                    digits[d--] = 0;
                }
                if (d < 0) {
                    break;
                }
            }
        }
        // most texts of this alphabet are odd; the plain path must still take a good share of them
        assertEquals(960_799, texts);
        org.junit.jupiter.api.Assertions.assertTrue(plain > 50_000, "plain " + plain);
    }

    @Test
    void longerRecordsOfRealisticCellsToo() {
        Random random = new Random(14);
        String[] pieces = { "Ann", "Lee", "ann@example.com", "+1 415 555 0101", "", " ", "\"quoted, with comma\"", "\"say \"\"hi\"\"\"",
            "\"two\nlines\"", "O'Brien", "a;b;c", "\"\"", "\"x\" ", "x\"y", "\"open", "é€😀" };
        for (int r = 0; r < 20_000; r++) {
            StringBuilder line = new StringBuilder();
            int cells = 1 + random.nextInt(12);
            for (int c = 0; c < cells; c++) {
                if (c > 0) {
                    line.append(',');
                }
                line.append(pieces[random.nextInt(pieces.length)]);
            }
            String s = line.toString();
            assertArrayEquals(jackson(s), ours(s), () -> "text " + s);
        }
    }

    @Test
    void plainRecordsAndWhatJacksonIsLeftWith() throws IOException {
        assertArrayEquals(new String[] { "Ann", "", "ann@example.com", "" }, CsvCells.plain("Ann,,ann@example.com,"));
        assertArrayEquals(new String[] { "a, b", "say \"hi\"", "two\nlines" }, CsvCells.plain("\"a, b\",\"say \"\"hi\"\"\",\"two\nlines\""));
        assertNull(CsvCells.plain("\"Bad\"x,Quote")); // Jackson refuses it
        assertThrows(IOException.class, () -> CsvCells.of("\"Bad\"x,Quote"));
        assertNull(CsvCells.plain("a\rb"));
        assertNotNull(CsvCells.of("a\rb"));
    }
}
