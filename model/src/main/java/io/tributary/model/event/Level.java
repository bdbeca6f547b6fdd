package io.tributary.model.event;

import java.math.BigDecimal;
import java.util.Objects;

/** One price level of a book change: the new total size at that price; zero removes the level. */
public record Level(BigDecimal price, BigDecimal size) {

    public Level {
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(size, "size");
    }

    /** @return true if this change removes the level */
    public boolean removes() {
        return size.signum() == 0;
    }
}
