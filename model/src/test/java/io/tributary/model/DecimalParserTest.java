package io.tributary.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DecimalParserTest {

    private final DecimalParser parser = new DecimalParser();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // text               | scale | value                 | decimals written
            "\"0.00000500\"       | 8     | 500                   | 8",
            "0.00000500           | 10    | 50000                 | 8",
            "\"5290.80000\"       | 5     | 529080000             | 5",
            "7255.0               | 1     | 72550                 | 1",
            "7255                 | 2     | 725500                | 0",
            "-1.2                 | 8     | -120000000            | 1",
            "1e-8                 | 8     | 1                     | 8",
            "-2E-8                | 8     | -2                    | 8",
            "1.5e+3               | 0     | 1500                  | 0",
            "1E9                  | 0     | 1000000000            | 0",
            "2.50e-1              | 3     | 250                   | 2",
            "100e-2               | 0     | 1                     | 0",
            "\"0\"                | 8     | 0                     | 0",
            "-0                   | 2     | 0                     | 0",
            "0e-400               | 2     | 0                     | 0",
            "1.50000000000000000000000000 | 2 | 150               | 26",
            "9223372036.854775807 | 9     | 9223372036854775807   | 9",
            "-9223372036.854775807 | 9    | -9223372036854775807  | 9",
            "0.000000000000000001 | 18    | 1                     | 18",
    })
    void readsExactValueAndWrittenDecimals(String text, int scale, long value, int decimals) {
        assertThat(parser.parse(text, scale)).isEqualTo(DecimalResult.OK);
        assertThat(parser.value()).isEqualTo(value);
        assertThat(parser.decimals()).isEqualTo(decimals);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "0.123                | 2  | TOO_PRECISE",
            "1e-9                 | 8  | TOO_PRECISE",
            "\"0.000000001\"      | 8  | TOO_PRECISE",
            "12.5e-1              | 0  | TOO_PRECISE",
            "1e-19                | 18 | TOO_PRECISE",
            "9223372036.854775808 | 9  | OVERFLOW",
            "92233720368547758080 | 0  | OVERFLOW",
            "1e19                 | 0  | OVERFLOW",
            "1e10000000           | 0  | OVERFLOW",
            "100000000000         | 8  | OVERFLOW",
    })
    void rejectsWhatWouldNeedRounding(String text, int scale, DecimalResult expected) {
        assertThat(parser.parse(text, scale)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\"\"", "-", ".", "-.", "e5", "1e", "1e+", "1e-", "abc", "1.2.3", "NaN", "Infinity",
            "1 ", " 1", "--1", "+1", "1-", "0x10", "1e5.5", "\"1", "\u0131", "1\u0130"})
    void rejectsMalformedText(String text) {
        assertThat(parser.parse(text, 8)).isEqualTo(DecimalResult.MALFORMED);
    }

    @Test
    void readsRangesInsideALargerByteBuffer() {
        byte[] json = "[\"0.05005\",\"0.00000500\",\"1582905486.493008\"]".getBytes(StandardCharsets.US_ASCII);
        assertThat(parser.parse(json, 1, 10, 5)).isEqualTo(DecimalResult.OK);
        assertThat(parser.value()).isEqualTo(5005);
        assertThat(parser.decimals()).isEqualTo(5);
        assertThat(parser.parse(json, 11, 23, 8)).isEqualTo(DecimalResult.OK);
        assertThat(parser.value()).isEqualTo(500);
        assertThat(parser.parse(json, 24, 43, 6)).isEqualTo(DecimalResult.OK);
        assertThat(parser.value()).isEqualTo(1582905486493008L);
    }

    @Test
    void rejectsOutOfRangeScale() {
        assertThatThrownBy(() -> parser.parse("1", 19)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> parser.parse("1", -1)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Random decimal texts against BigDecimal as the oracle: same value, or a rejection exactly when it cannot fit. */
    @Test
    void agreesWithBigDecimalOnRandomTexts() {
        SplittableRandom random = new SplittableRandom(20261121);
        byte[] bytes = new byte[64];
        for (int n = 0; n < 300_000; n++) {
            String text = randomDecimal(random);
            int scale = random.nextInt(19);
            BigDecimal exact = new BigDecimal(text);
            DecimalResult expected;
            long expectedValue = 0;
            try {
                expectedValue = exact.setScale(scale, RoundingMode.UNNECESSARY).unscaledValue().longValueExact();
                expected = DecimalResult.OK;
            } catch (ArithmeticException e) {
                expected = exact.stripTrailingZeros().scale() > scale ? DecimalResult.TOO_PRECISE
                        : DecimalResult.OVERFLOW;
            }
            DecimalResult actual = parser.parse(text, scale);
            if (expected == DecimalResult.OK && actual == DecimalResult.OVERFLOW) {
                // accepted limitation: integer digits beyond a long before a negative exponent ("1234...e-10")
                assertThat(text).containsIgnoringCase("e-");
                continue;
            }
            assertThat(actual).as("%s at scale %d", text, scale).isEqualTo(expected);
            if (expected == DecimalResult.OK) {
                assertThat(parser.value()).as("%s at scale %d", text, scale).isEqualTo(expectedValue);
                int length = text.length();
                for (int i = 0; i < length; i++) {
                    bytes[3 + i] = (byte) text.charAt(i);
                }
                assertThat(parser.parse(bytes, 3, 3 + length, scale)).isEqualTo(DecimalResult.OK);
                assertThat(parser.value()).isEqualTo(expectedValue);
            }
        }
    }

    private static String randomDecimal(SplittableRandom random) {
        StringBuilder text = new StringBuilder();
        if (random.nextInt(4) == 0) {
            text.append('-');
        }
        int integerDigits = random.nextInt(1, 21);
        for (int i = 0; i < integerDigits; i++) {
            text.append(i == 0 && integerDigits > 1 && random.nextBoolean() ? '0' : (char) ('0' + random.nextInt(10)));
        }
        if (random.nextBoolean()) {
            text.append('.');
            int fractionDigits = random.nextInt(1, 22);
            for (int i = 0; i < fractionDigits; i++) {
                text.append(random.nextInt(3) == 0 ? '0' : (char) ('0' + random.nextInt(10)));
            }
        }
        if (random.nextInt(5) == 0) {
            text.append(random.nextBoolean() ? 'e' : 'E').append(random.nextBoolean() ? "-" : "")
                    .append(random.nextInt(25));
        }
        return text.toString();
    }
}
