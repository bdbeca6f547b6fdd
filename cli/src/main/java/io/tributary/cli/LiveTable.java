package io.tributary.cli;

import java.io.PrintWriter;
import java.util.List;

/** Prints a table that refreshes in place on a terminal, and as plain successive blocks elsewhere (logs, CI). */
final class LiveTable {

    private final PrintWriter out;
    private final boolean inPlace;
    private int linesShown;

    LiveTable(PrintWriter out, boolean terminal) {
        this.out = out;
        this.inPlace = terminal && !"dumb".equals(System.getenv("TERM"));
    }

    void render(List<String> rows, List<String> footer) {
        StringBuilder frame = new StringBuilder();
        if (inPlace && linesShown > 0) {
            frame.append("\033[").append(linesShown).append("F\033[J"); // back to the table's first line, clear below
        }
        rows.forEach(row -> frame.append(row).append('\n'));
        footer.forEach(line -> frame.append(line).append('\n'));
        if (!inPlace) {
            frame.append('\n');
        }
        out.print(frame);
        out.flush();
        linesShown = rows.size() + footer.size();
    }
}
