package org.socialcrm.profile.importing;

import java.io.IOException;
import java.io.Reader;

/**
 * Physical lines of a stream with their numbers, never holding more than {@code maxLength} characters: a longer
 * line is read to its end and dropped, and reported as too long. Memory stays flat whatever the file.
 */
final class BoundedLines {

    /** One line: its text, or null when it was too long. */
    record Line(long number, String text) {
        boolean tooLong() {
            return text == null;
        }
    }

    private final Reader reader;
    private final int maxLength;
    private final char[] buffer = new char[65_536];
    private int position;
    private int limit;
    private long number;
    private boolean ended;

    BoundedLines(Reader reader, int maxLength) {
        this.reader = reader;
        this.maxLength = maxLength;
    }

    /** The next line (without its line break), or null at the end of the stream. */
    Line next() throws IOException {
        if (ended) {
            return null;
        }
        StringBuilder line = new StringBuilder();
        boolean tooLong = false;
        boolean any = false;
        while (true) {
            if (position == limit) {
                limit = reader.read(buffer, 0, buffer.length);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    ended = true;
                    if (!any) {
                        return null;
                    }
                    return new Line(++number, tooLong ? null : stripCr(line));
                }
            }
            any = true;
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            if (!tooLong) {
                line.append(buffer, start, position - start);
                if (line.length() > maxLength + 1) {
                    tooLong = true;
                    line.setLength(0);
                }
            }
            if (position < limit) {
                position++;
                return new Line(++number, tooLong ? null : stripCr(line));
            }
        }
    }

    private String stripCr(StringBuilder line) {
        int end = line.length();
        if (end > 0 && line.charAt(end - 1) == '\r') {
            end--;
        }
        return end > maxLength ? null : line.substring(0, end);
    }
}
