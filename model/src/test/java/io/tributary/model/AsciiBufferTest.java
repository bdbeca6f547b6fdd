package io.tributary.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class AsciiBufferTest {

    private final AsciiBuffer buffer = new AsciiBuffer(4);
    private final DecimalParser parser = new DecimalParser();

    /** Kraken's checksum form: digits as written, no point, no leading zeros (exchange-protocols.md §12.1). */
    @ParameterizedTest
    @CsvSource({"0.05005, 5, 5005", "0.00000500, 8, 500", "0.00000500, 10, 500", "45285.2, 1, 452852",
            "0.00100000, 8, 100000", "5290.80000, 5, 529080000", "1.000, 8, 1000", "10, 0, 10"})
    void digitsAsWrittenWithoutLeadingZeros(String text, int scale, String expected) {
        assertThat(parser.parse(text, scale)).isEqualTo(DecimalResult.OK);
        assertThat(buffer.clear().appendDigits(parser.value(), scale, parser.decimals()).toString())
                .isEqualTo(expected);
    }

    /** Expected texts are what node.js prints for String(Number(text)). */
    @ParameterizedTest
    @CsvSource({"7255.0, 7255", "7254.7, 7254.7", "-1.2, -1.2", "0.00000001, 1e-8", "-0.00000002, -2e-8",
            "0.000001, 0.000001", "0.0000015, 0.0000015", "0.00000015, 1.5e-7", "1000000000, 1000000000",
            "64000, 64000", "-0.5, -0.5", "0.00012345, 0.00012345", "1e-8, 1e-8",
            "12345678.12345678, 12345678.12345678", "0.000000123456, 1.23456e-7", "-7.5e-7, -7.5e-7",
            "0.0000010, 0.000001", "0, 0"})
    void javaScriptNumberRendering(String text, String javaScript) {
        int scale = Math.max(0, new java.math.BigDecimal(text).stripTrailingZeros().scale());
        assertThat(parser.parse(text, scale)).isEqualTo(DecimalResult.OK);
        assertThat(buffer.clear().appendJs(parser.value(), scale).toString()).isEqualTo(javaScript);
    }

    @Test
    void appendsAndGrows() {
        buffer.append("ab").append(':').append(-42L).append(Long.MIN_VALUE).append(0L);
        assertThat(buffer.toString()).isEqualTo("ab:-42" + Long.MIN_VALUE + "0");
        assertThat(buffer.length()).isEqualTo(buffer.toString().length());
    }
}
