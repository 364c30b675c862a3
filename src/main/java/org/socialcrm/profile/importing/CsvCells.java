package org.socialcrm.profile.importing;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;

/**
 * The cells of one CSV record's text (RFC 4180: ',' between cells, '"' around a cell, '""' for a quote inside it), with
 * the answers of Jackson's CSV parser: plain records (unquoted cells, and quoted cells followed by the separator, the
 * end or blanks) are split here, in one pass; anything else (a line break outside quotes, a quote closed in the middle
 * of a cell, a CR) is left to Jackson, which is the reference ({@code CsvCellsTest} compares the two on every short
 * text). Jackson's parser costs a parser per record, which was most of the upload's CSV time.
 */
final class CsvCells {

    /** Without a schema, Jackson exposes a CSV row as an array of strings. */
    private static final ObjectReader READER = new CsvMapper().readerFor(String[].class);

    private CsvCells() {
    }

    /** The record's cells; IOException when its quotes do not enclose whole cells. */
    static String[] of(String text) throws IOException {
        String[] cells = plain(text);
        if (cells != null) {
            return cells;
        }
        try {
            String[] parsed = READER.readValue(text);
            return parsed == null ? new String[0] : parsed;
        } catch (RuntimeException e) {
            throw new IOException("malformed CSV", e);
        }
    }

    /** The cells of a plain record, or null when it is not one (Jackson decides then). */
    static String[] plain(String text) {
        int n = text.length();
        if (n == 0) {
            return null;
        }
        List<String> cells = new ArrayList<>();
        int i = 0;
        while (true) {
            if (i < n && text.charAt(i) == '"') {
                StringBuilder cell = new StringBuilder();
                int j = i + 1;
                while (true) {
                    if (j >= n) {
                        return null; // not closed
                    }
                    char c = text.charAt(j);
                    if (c == '"') {
                        if (j + 1 < n && text.charAt(j + 1) == '"') {
                            cell.append('"');
                            j += 2;
                            continue;
                        }
                        j++;
                        break;
                    }
                    if (c == '\r') {
                        return null;
                    }
                    cell.append(c);
                    j++;
                }
                // blanks after the closing quote are skipped; then the separator or the end
                while (j < n && text.charAt(j) <= ' ' && text.charAt(j) != '\r' && text.charAt(j) != '\n') {
                    j++;
                }
                cells.add(cell.toString());
                if (j == n) {
                    return cells.toArray(String[]::new);
                }
                if (text.charAt(j) != ',') {
                    return null;
                }
                i = j + 1;
            } else {
                int j = i;
                while (j < n) {
                    char c = text.charAt(j);
                    if (c == ',') {
                        break;
                    }
                    if (c == '\r' || c == '\n') {
                        return null;
                    }
                    j++;
                }
                cells.add(text.substring(i, j));
                if (j == n) {
                    return cells.toArray(String[]::new);
                }
                i = j + 1;
            }
        }
    }
}
