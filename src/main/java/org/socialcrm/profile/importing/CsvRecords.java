package org.socialcrm.profile.importing;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * CSV records (RFC 4180, split by {@link CsvCells}) over bounded physical lines. A quoted value may span
 * lines, but a record that is still open after {@value #MAX_RECORD_LINES} lines or {@code maxLength} characters is
 * rejected at its first line and reading resumes at the line after it, so one stray quote costs one row, not the
 * rest of the file.
 */
final class CsvRecords {

    static final int MAX_RECORD_LINES = 100;
    /** A record: its first line number, text and cells, or the reason it could not be read. */
    record Record(long line, String text, String[] cells, String error) {
    }

    private final BoundedLines lines;
    private final int maxLength;
    private final Deque<BoundedLines.Line> pushedBack = new ArrayDeque<>();

    CsvRecords(BoundedLines lines, int maxLength) {
        this.lines = lines;
        this.maxLength = maxLength;
    }

    private BoundedLines.Line nextLine() throws IOException {
        return pushedBack.isEmpty() ? lines.next() : pushedBack.pollFirst();
    }

    /** The next non-blank record, or null at the end. */
    Record next() throws IOException {
        BoundedLines.Line first;
        do {
            first = nextLine();
            if (first == null) {
                return null;
            }
        } while (!first.tooLong() && first.text().isBlank());
        if (first.tooLong()) {
            return new Record(first.number(), null, null, "line longer than " + maxLength + " characters");
        }
        if (first.text().indexOf('"') < 0) {
            String[] cells = CsvCells.plain(first.text());
            if (cells != null) {
                return new Record(first.number(), first.text(), cells, null);
            }
        }
        StringBuilder text = new StringBuilder(first.text());
        List<BoundedLines.Line> taken = new ArrayList<>();
        while (openQuote(text)) {
            BoundedLines.Line more = taken.size() + 1 >= MAX_RECORD_LINES ? null : nextLine();
            if (more == null || more.tooLong() || text.length() + more.text().length() > maxLength) {
                if (more != null) {
                    taken.add(more);
                }
                for (int i = taken.size() - 1; i >= 0; i--) {
                    pushedBack.addFirst(taken.get(i));
                }
                return new Record(first.number(), null, null, "malformed CSV: a quoted value is not closed");
            }
            taken.add(more);
            text.append('\n').append(more.text());
        }
        String record = text.toString();
        try {
            return new Record(first.number(), record, CsvCells.of(record), null);
        } catch (IOException e) {
            // the quote that opened this record was probably stray: only its first line is lost
            for (int i = taken.size() - 1; i >= 0; i--) {
                pushedBack.addFirst(taken.get(i));
            }
            return new Record(first.number(), null, null, "malformed CSV: quotes must enclose whole values");
        }
    }

    private static boolean openQuote(CharSequence text) {
        int quotes = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '"') {
                quotes++;
            }
        }
        return quotes % 2 == 1;
    }
}
