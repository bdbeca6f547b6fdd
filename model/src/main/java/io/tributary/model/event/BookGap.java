package io.tributary.model.event;

import io.tributary.model.GapEvent;
import java.util.Objects;

/** A symbol's book went out of sync (sequence gap, checksum mismatch, rejected value) and is being resynchronised. */
public record BookGap(GapEvent gap, long exchangeTimeNs, long receivedNs) implements MarketEvent {

    public BookGap {
        Objects.requireNonNull(gap, "gap");
    }

    @Override
    public String exchange() {
        return gap.exchange();
    }

    @Override
    public String symbol() {
        return gap.symbol();
    }
}
