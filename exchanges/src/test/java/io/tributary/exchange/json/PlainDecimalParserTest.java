package io.tributary.exchange.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.model.DecimalParser;
import io.tributary.model.DecimalResult;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The fast path must agree with the model's {@link DecimalParser} wherever it answers. */
class PlainDecimalParserTest {

    private final PlainDecimalParser fast = new PlainDecimalParser();
    private final DecimalParser reference = new DecimalParser();

    @Test
    void agreesWithTheReferenceParserOnRandomText() {
        SplittableRandom random = new SplittableRandom(20261121);
        int answered = 0;
        for (int n = 0; n < 500_000; n++) {
            String text = randomDecimal(random);
            int scale = random.nextInt(DecimalParser.MAX_SCALE + 1);
            answered += check(text, scale) ? 1 : 0;
        }
        assertThat(answered).as("fast path used").isGreaterThan(100_000);
    }

    @Test
    void findsTheEndOfTheTokenInItsContext() {
        byte[] level = "[\"64123.45\",12.5]".getBytes(StandardCharsets.US_ASCII);
        assertThat(fast.parse(level, 1, level.length, 8)).isEqualTo(11);
        assertThat(fast.value()).isEqualTo(6412345000000L);
        assertThat(fast.parse(level, 12, level.length, 8)).isEqualTo(16);
        assertThat(fast.value()).isEqualTo(1250000000L);
        assertThat(fast.decimals()).isEqualTo(1);
    }

    @Test
    void typicalWireValues() {
        for (String text : new String[] {"\"64123.45000000\"", "\"0.00000500\"", "7255", "-1.2", "0", "\"0.0\"",
                "60940.35136398", "\"59500000000\"", "-0.00239148", "9999999999.00000"}) {
            assertThat(check(text, 8)).as(text).isTrue();
        }
        for (String text : new String[] {"1e-8", "4.2e-7", "\"\"", "-", "abc", "1.2.3", "0.123456789",
                "123456789012345678901", "\"1,5\"", "5950000000000"}) {
            assertThat(check(text, 8)).as(text).isFalse();
        }
    }

    /** @return whether the fast path answered (it must then agree); the reference decides otherwise */
    private boolean check(String text, int scale) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        DecimalResult expected = reference.parse(bytes, 0, bytes.length, scale);
        int end = fast.parse(bytes, 0, bytes.length, scale);
        if (end < 0) {
            return false;
        }
        assertThat(end).as("end of %s", text).isEqualTo(bytes.length);
        assertThat(expected).as("%s at scale %d", text, scale).isEqualTo(DecimalResult.OK);
        assertThat(fast.value()).as("%s at scale %d", text, scale).isEqualTo(reference.value());
        assertThat(fast.decimals()).as("%s at scale %d", text, scale).isEqualTo(reference.decimals());
        return true;
    }

    private static String randomDecimal(SplittableRandom random) {
        StringBuilder text = new StringBuilder();
        if (random.nextInt(4) == 0) {
            text.append('-');
        }
        int integerDigits = random.nextInt(12);
        for (int i = 0; i < integerDigits; i++) {
            text.append(random.nextInt(4) == 0 ? '0' : (char) ('0' + random.nextInt(10)));
        }
        if (integerDigits == 0 || random.nextBoolean()) {
            text.append('.');
            int fractionDigits = random.nextInt(22);
            for (int i = 0; i < fractionDigits; i++) {
                text.append(random.nextInt(3) == 0 ? '0' : (char) ('0' + random.nextInt(10)));
            }
        }
        if (random.nextInt(50) == 0) {
            text.append("e-").append(random.nextInt(9));
        }
        return random.nextInt(3) == 0 ? "\"" + text + "\"" : text.toString();
    }
}
