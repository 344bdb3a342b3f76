// Compile-only stand-in of hudson.scheduler.CronTabList (Jenkins 2.479.3); never shipped. Parses the five fields
// with *, N, N-M, lists, /step, H and H(N-M) (H as Jenkins reads it without a hash: the range's first value), the
// @hourly…@yearly aliases, and # comments; not TZ= lines.
package hudson.scheduler;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Calendar;
import java.util.List;
import java.util.Map;

public final class CronTabList {
    private static final int[][] RANGES = {{0, 59}, {0, 23}, {1, 31}, {1, 12}, {0, 7}};
    private static final Map<String, String> ALIASES = Map.of("@yearly", "H H H H *", "@annually", "H H H H *",
            "@monthly", "H H H * *", "@weekly", "H H * * H", "@daily", "H H * * *", "@midnight", "H H(0-2) * * *",
            "@hourly", "H * * * *");

    /** Per line, the allowed values of minute, hour, day of month, month and day of week. */
    private final List<BitSet[]> tabs;

    private CronTabList(List<BitSet[]> tabs) {
        this.tabs = tabs;
    }

    public synchronized boolean check(Calendar cal) {
        int[] now = {cal.get(Calendar.MINUTE), cal.get(Calendar.HOUR_OF_DAY), cal.get(Calendar.DAY_OF_MONTH),
                cal.get(Calendar.MONTH) + 1, cal.get(Calendar.DAY_OF_WEEK) - 1};
        for (BitSet[] tab : tabs) {
            boolean all = true;
            for (int i = 0; i < 5 && all; i++) {
                all = tab[i].get(now[i]) || (i == 4 && now[i] == 0 && tab[i].get(7));
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    /** @throws IllegalArgumentException if the crontab entry cannot be parsed (Jenkins: its subclass antlr.ANTLRException) */
    public static CronTabList create(String format) {
        List<BitSet[]> tabs = new ArrayList<>();
        int lineNumber = 0;
        for (String raw : format.split("\\r?\\n")) {
            lineNumber++;
            String line = raw.trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = ALIASES.getOrDefault(line, line).split("\\s+");
            if (fields.length != 5) {
                throw new IllegalArgumentException("Invalid input: \"" + line + "\": line " + lineNumber
                        + ": expected 5 fields (minute hour day month weekday), found " + fields.length);
            }
            BitSet[] tab = new BitSet[5];
            for (int i = 0; i < 5; i++) {
                tab[i] = field(fields[i], RANGES[i][0], RANGES[i][1], line);
            }
            tabs.add(tab);
        }
        return new CronTabList(tabs);
    }

    private static BitSet field(String field, int min, int max, String line) {
        BitSet values = new BitSet();
        for (String term : field.split(",", -1)) {
            String[] stepped = term.split("/", -1);
            int step = stepped.length == 2 ? number(stepped[1], 1, max, line) : 1;
            String range = stepped[0];
            int from;
            int to;
            if (range.equals("*")) {
                from = min;
                to = max;
            } else if (range.equals("H")) {
                from = min;
                to = stepped.length == 1 ? min : max;
            } else if (range.startsWith("H(") && range.endsWith(")")) {
                String[] bounds = range.substring(2, range.length() - 1).split("-", -1);
                from = number(bounds[0], min, max, line);
                to = stepped.length == 1 ? from : number(bounds[bounds.length - 1], from, max, line);
            } else if (range.contains("-")) {
                String[] bounds = range.split("-", -1);
                from = number(bounds[0], min, max, line);
                to = number(bounds[1], from, max, line);
            } else {
                from = number(range, min, max, line);
                to = stepped.length == 1 ? from : max;
            }
            for (int v = from; v <= to; v += step) {
                values.set(v);
            }
        }
        return values;
    }

    private static int number(String text, int min, int max, String line) {
        try {
            int value = Integer.parseInt(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below with the line
        }
        throw new IllegalArgumentException("Invalid input: \"" + line + "\": '" + text + "' is not a number from " + min + " to " + max);
    }
}
