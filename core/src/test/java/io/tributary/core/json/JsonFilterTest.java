package io.tributary.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.core.connection.RawMessage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonFilterTest {

    private static RawMessage message(String text) {
        return RawMessage.ofText(1, 1, 0, 0, text);
    }

    private static final String DEPTH = "{\"e\":\"depthUpdate\",\"s\":\"BTCUSDT\",\"U\":157,\"u\":160}";
    private static final String TRADE = "{\"stream\":\"btcusdt@trade\",\"data\":{\"e\":\"trade\",\"s\":\"BTCUSDT\","
            + "\"p\":\"0.001\",\"q\":1.50,\"m\":true,\"x\":null}}";
    private static final String ETH_TRADE = "{\"stream\":\"ethusdt@trade\",\"data\":{\"e\":\"trade\",\"s\":\"ETHUSDT\"}}";

    @Test
    void matchesWhenEveryPairOfAtLeastOneSetMatches() {
        JsonFilter filter = JsonFilter.parse("[{\"e\":\"depthUpdate\"}, {\"stream\":\"btcusdt@trade\"}]");
        assertThat(filter.test(message(DEPTH))).isTrue();
        assertThat(filter.test(message(TRADE))).isTrue();
        assertThat(filter.test(message(ETH_TRADE))).isFalse();
    }

    @Test
    void requiresAllPairsOfASet() {
        JsonFilter filter = JsonFilter.parse("{\"e\":\"depthUpdate\",\"s\":\"ETHUSDT\"}");
        assertThat(filter.test(message(DEPTH))).isFalse();
        assertThat(JsonFilter.parse("{\"e\":\"depthUpdate\",\"s\":\"BTCUSDT\"}").test(message(DEPTH))).isTrue();
    }

    @Test
    void followsDottedPathsAndNestedFilterObjects() {
        assertThat(JsonFilter.parse("{\"data.s\":\"BTCUSDT\"}").test(message(TRADE))).isTrue();
        assertThat(JsonFilter.parse("{\"data\":{\"s\":\"BTCUSDT\",\"e\":\"trade\"}}").test(message(TRADE))).isTrue();
        assertThat(JsonFilter.parse("{\"data.s\":\"BTCUSDT\"}").test(message(ETH_TRADE))).isFalse();
        assertThat(JsonFilter.parse("{\"data.s.x\":\"BTCUSDT\"}").test(message(TRADE))).isFalse();
        assertThat(JsonFilter.parse("{\"1.0\":\"hb\"}").test(message("[17,[\"hb\"]]"))).isTrue();
        assertThat(JsonFilter.parse("{\"1\":\"hb\"}").test(message("[17,\"hb\"]"))).isTrue();
        assertThat(JsonFilter.parse("{\"5\":\"hb\"}").test(message("[17,\"hb\"]"))).isFalse();
    }

    @Test
    void comparesValuesExactlyByType() {
        assertThat(JsonFilter.parse("{\"U\":157}").test(message(DEPTH))).isTrue();
        assertThat(JsonFilter.parse("{\"U\":157.0}").test(message(DEPTH))).isTrue();
        assertThat(JsonFilter.parse("{\"U\":\"157\"}").test(message(DEPTH))).isFalse();
        assertThat(JsonFilter.parse("{\"data.q\":1.5}").test(message(TRADE))).isTrue();
        assertThat(JsonFilter.parse("{\"data.p\":0.001}").test(message(TRADE))).as("a quoted number is a string").isFalse();
        assertThat(JsonFilter.parse("{\"data.m\":true}").test(message(TRADE))).isTrue();
        assertThat(JsonFilter.parse("{\"data.x\":null}").test(message(TRADE))).isTrue();
        assertThat(JsonFilter.parse("{\"data.y\":null}").test(message(TRADE))).as("missing is not null").isFalse();
        assertThat(JsonFilter.allOf(Map.of("U", 157L)).test(message(DEPTH))).isTrue();
    }

    @Test
    void noFilterMatchesEverythingWithoutParsing() {
        for (JsonFilter all : List.of(JsonFilter.all(), JsonFilter.parse(""), JsonFilter.parse("[]"),
                JsonFilter.parse("{}"), JsonFilter.parse("[{\"e\":\"x\"},{}]"), JsonFilter.anyOf(List.of()))) {
            assertThat(all.matchesAll()).isTrue();
            assertThat(all.test(message("not json at all"))).isTrue();
        }
    }

    @Test
    void aMessageThatIsNotJsonMatchesNoRealFilter() {
        assertThat(JsonFilter.parse("{\"e\":\"x\"}").test(message("{\"e\":"))).isFalse();
    }

    @Test
    void rejectsFiltersThatAreNotKeyValueSets() {
        assertThatThrownBy(() -> JsonFilter.parse("[1,2]")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JsonFilter.parse("{\"e\":[1]}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JsonFilter.parse("{\"e\":")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JsonFilter.parse("\"e\"")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parsesEachMessageOnlyOnce() {
        RawMessage depth = message(DEPTH);
        JsonFilter first = JsonFilter.parse("{\"e\":\"depthUpdate\"}");
        JsonFilter second = JsonFilter.parse("{\"s\":\"BTCUSDT\"}");
        assertThat(first.test(depth)).isTrue();
        Object tree = depth.json();
        assertThat(second.test(depth)).isTrue();
        assertThat(depth.json()).isSameAs(tree);
    }
}
