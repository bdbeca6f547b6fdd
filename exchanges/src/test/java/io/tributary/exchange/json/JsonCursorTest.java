package io.tributary.exchange.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonCursorTest {

    private final JsonCursor json = new JsonCursor();

    @Test
    void readsValuesStraightFromTheBytesAlsoInNonAsciiMessages() {
        // a non-ASCII byte makes fastjson2 pick its UTF-8 reader; the raw offsets must hold there too
        byte[] message = "{\"n\":\"é\",\"p\":\"0.00000500\",\"q\":-2e-8,\"id\":\"974947235\",\"s\":\"XBT/USD\"}"
                .getBytes(StandardCharsets.UTF_8);
        SymbolTable symbols = new SymbolTable();
        json.reset(message, 0, message.length);
        json.reader().nextIfObjectStart();
        json.reader().readFieldNameHashCode();
        json.reader().skipValue();
        json.reader().readFieldNameHashCode();
        assertThat(json.readExactDecimal(8, "p")).isEqualTo(500L);
        assertThat(json.lastDecimals()).isEqualTo(8);
        json.reader().readFieldNameHashCode();
        assertThat(json.readExactDecimal(8, "q")).isEqualTo(-2L);
        json.reader().readFieldNameHashCode();
        assertThat(json.readLong()).isEqualTo(974947235L);
        json.reader().readFieldNameHashCode();
        String symbol = json.readSymbol(symbols);
        assertThat(symbol).isEqualTo("XBT/USD");
        assertThat(json.reader().nextIfObjectEnd()).isTrue();
        json.close();
    }

    @Test
    void rejectsWhatDoesNotFit() {
        byte[] message = "[\"1.000000001\",99999999999999999999,\"12a\"]".getBytes(StandardCharsets.UTF_8);
        json.reset(message, 0, message.length);
        json.reader().nextIfArrayStart();
        assertThatThrownBy(() -> json.readExactDecimal(8, "price")).isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("TOO_PRECISE");
        json.reset(message, 0, message.length);
        json.reader().nextIfArrayStart();
        json.reader().skipValue();
        assertThatThrownBy(json::readLong).isInstanceOf(MalformedMessageException.class);
    }

    @Test
    void symbolTableInternsWithoutCollisionsAsItGrows() {
        SymbolTable table = new SymbolTable();
        String[] first = new String[1000];
        for (int i = 0; i < first.length; i++) {
            byte[] text = ("SYM" + i).getBytes(StandardCharsets.US_ASCII);
            first[i] = table.intern(text, 0, text.length);
        }
        for (int i = 0; i < first.length; i++) {
            byte[] text = ("xSYM" + i + "y").getBytes(StandardCharsets.US_ASCII);
            assertThat(table.intern(text, 1, text.length - 1)).isSameAs(first[i]).isEqualTo("SYM" + i);
        }
    }
}
