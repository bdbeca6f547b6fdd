package io.tributary.core.error;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.tributary.core.time.ManualNanoClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class DistinctErrorLogTest {

    @Test
    void logsTheFirstOccurrenceThenAtMostOncePerIntervalWithTheCount() {
        Logger logger = (Logger) LoggerFactory.getLogger("distinct-error-log-test");
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        ManualNanoClock clock = new ManualNanoClock();
        DistinctErrorLog log = new DistinctErrorLog(logger, clock);

        assertThat(log.record("feed INVALID_JSON", "first")).isTrue();
        for (int i = 0; i < 99; i++) {
            assertThat(log.record("feed INVALID_JSON", "again")).isFalse();
        }
        assertThat(log.record("feed INVALID_UTF8", "other kind")).isTrue();
        clock.advance(Duration.ofSeconds(59));
        assertThat(log.record("feed INVALID_JSON", "still within the minute")).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(log.record("feed INVALID_JSON", "a minute later")).isTrue();

        assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                "feed INVALID_JSON: first",
                "feed INVALID_UTF8: other kind",
                "feed INVALID_JSON: a minute later (100 more since the last line)");
        assertThat(log.count("feed INVALID_JSON")).isEqualTo(102);
        assertThat(log.count("never")).isZero();
        logger.detachAppender(lines);
    }
}
