package io.tributary.cli;

import io.tributary.simulator.binance.SymbolSpec;
import java.util.List;
import java.util.Map;

/** Plausible generated markets for the Binance twin: known symbols get realistic prices and steps. */
final class TwinSymbols {

    private static final Map<String, SymbolSpec> KNOWN = Map.of(
            "BTCUSDT", SymbolSpec.of("BTCUSDT", "65000.00", "0.01", "0.00001"),
            "ETHUSDT", SymbolSpec.of("ETHUSDT", "3200.00", "0.01", "0.0001"),
            "SOLUSDT", SymbolSpec.of("SOLUSDT", "150.00", "0.01", "0.001"));

    private TwinSymbols() {
    }

    static SymbolSpec spec(String symbol) {
        return KNOWN.getOrDefault(symbol, SymbolSpec.of(symbol, "100.00", "0.01", "0.001"));
    }

    /** @throws Main.UserException for anything that is not a Binance-style symbol */
    static List<String> check(List<String> symbols) {
        for (String symbol : symbols) {
            if (!symbol.matches("[A-Z0-9]{2,20}")) {
                throw new Main.UserException("'" + symbol
                        + "' is not a symbol: use upper-case letters and digits, e.g. BTCUSDT");
            }
        }
        return symbols;
    }
}
