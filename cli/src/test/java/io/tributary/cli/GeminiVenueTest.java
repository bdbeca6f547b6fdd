package io.tributary.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.exchange.MarketDataConnector;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Both Gemini APIs from the catalog: the same twin serves them, each connector keeps live books from it. */
class GeminiVenueTest {

    @ParameterizedTest
    @EnumSource(value = Venue.class, names = {"GEMINI", "GEMINI_V1"})
    void theCatalogConnectsEachGeminiApiToTheTwin(Venue venue) {
        try (RunningTwin twin = RunningTwin.start(venue, List.of("btcusd", "ETHUSD"), "127.0.0.1", 0, 50, 3);
             MarketDataConnector connector = venue.connector(twin.symbols(),
                     EnumSet.of(DataChannel.BOOK, DataChannel.TRADES), twin.webSocketBase(), twin.restBase(),
                     feed -> { })) {
            connector.start();
            await().atMost(Duration.ofSeconds(15)).until(() -> twin.symbols().stream()
                    .allMatch(symbol -> connector.book(symbol).isPresent()));
            await().atMost(Duration.ofSeconds(15)).until(() -> connector.symbolStats().get("BTCUSD").trades() > 0);

            assertThat(twin.symbols()).containsExactly("BTCUSD", "ETHUSD");
            assertThat(connector.book("BTCUSD").orElseThrow().isCrossed()).isFalse();
            // v1 opens a socket per symbol, v2 one for all
            assertThat(twin.server().sessions()).hasSize(venue == Venue.GEMINI_V1 ? 2 : 1);
            assertThat(connector.symbolStats().get("BTCUSD").gaps()).isZero();
        }
    }
}
