package io.tributary.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DecimalsTest {

    @Test
    void convertsToAndFromBigDecimalExactly() {
        assertThat(Decimals.toBigDecimal(500, 8)).isEqualByComparingTo("0.000005");
        assertThat(Decimals.toBigDecimal(500, 8, 8).toPlainString()).isEqualTo("0.00000500");
        assertThat(Decimals.toBigDecimal(72550, 1, 1).toPlainString()).isEqualTo("7255.0");
        assertThat(Decimals.fromBigDecimal(new BigDecimal("0.00000500"), 8)).isEqualTo(500);
        assertThat(Decimals.fromBigDecimal(new BigDecimal("1E+3"), 2)).isEqualTo(100_000);
    }

    @Test
    void rejectsBigDecimalsThatDoNotFit() {
        assertThatThrownBy(() -> Decimals.fromBigDecimal(new BigDecimal("0.001"), 2))
                .isInstanceOfSatisfying(DecimalRejectedException.class,
                        e -> assertThat(e.result()).isEqualTo(DecimalResult.TOO_PRECISE));
        assertThatThrownBy(() -> Decimals.fromBigDecimal(new BigDecimal("1e19"), 0))
                .isInstanceOfSatisfying(DecimalRejectedException.class,
                        e -> assertThat(e.result()).isEqualTo(DecimalResult.OVERFLOW));
        assertThatThrownBy(() -> Decimals.parse("1.005", 2))
                .isInstanceOfSatisfying(DecimalRejectedException.class,
                        e -> assertThat(e.result()).isEqualTo(DecimalResult.TOO_PRECISE));
    }

    @ParameterizedTest
    @CsvSource({"0.00000500, 8", "0.05005, 5", "5290.80000, 5", "7255.0, 1", "7255, 4", "-1.20, 2", "0, 3",
            "123456789.123456789, 9", "0.10, 18"})
    void plainRenderingKeepsTheWrittenDecimals(String text, int scale) {
        DecimalParser parser = new DecimalParser();
        assertThat(parser.parse(text, scale)).isEqualTo(DecimalResult.OK);
        assertThat(Decimals.toPlainString(parser.value(), scale, parser.decimals())).isEqualTo(text);
    }

    @Test
    void plainRenderingWithoutDecimalsIsMinimal() {
        assertThat(Decimals.toPlainString(72550, 1)).isEqualTo("7255");
        assertThat(Decimals.toPlainString(500, 8)).isEqualTo("0.000005");
        assertThat(Decimals.toPlainString(-120, 2)).isEqualTo("-1.2");
        assertThat(Decimals.toPlainString(7, 0, 3)).isEqualTo("7.000");
    }

    @Test
    void minimalDecimals() {
        assertThat(Decimals.minimalDecimals(500, 8)).isEqualTo(6);
        assertThat(Decimals.minimalDecimals(0, 8)).isZero();
        assertThat(Decimals.minimalDecimals(72550, 1)).isZero();
    }
}
