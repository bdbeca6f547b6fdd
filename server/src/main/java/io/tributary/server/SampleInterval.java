package io.tributary.server;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A validated sampling interval. QuestDB's SAMPLE BY takes no bind variable, so the clause is rendered from the
 * parsed count and a unit letter of ours, never from the request text.
 */
record SampleInterval(int count, Unit unit) {

    private static final Pattern FORM = Pattern.compile("([1-9][0-9]{0,5})(ms|s|m|h|d)");

    enum Unit {
        MILLIS("T"), SECONDS("s"), MINUTES("m"), HOURS("h"), DAYS("d");

        final String questDbLetter;

        Unit(String questDbLetter) {
            this.questDbLetter = questDbLetter;
        }
    }

    /** @return the interval, or null if {@code text} is not one */
    static SampleInterval parse(String text) {
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            return null;
        }
        Unit unit = switch (m.group(2)) {
            case "ms" -> Unit.MILLIS;
            case "s" -> Unit.SECONDS;
            case "m" -> Unit.MINUTES;
            case "h" -> Unit.HOURS;
            default -> Unit.DAYS;
        };
        return new SampleInterval(Integer.parseInt(m.group(1)), unit);
    }

    String sampleBy() {
        return "SAMPLE BY " + count + unit.questDbLetter;
    }
}
