package io.tributary.exchange;

import io.tributary.core.connection.RecordedFrames;
import io.tributary.model.event.ConnectionEvent;
import io.tributary.model.event.MarketEvent;
import java.net.URI;
import java.util.Map;
import java.util.Objects;

/**
 * The {@link RecordedInput} the connectors' {@code buildOffline()} return: frames go to the connector's book path
 * through {@link RecordedFrames} (the feed's inbound code), REST answers to its {@link RecordedSnapshots}, and the
 * {@link RecordedClock} follows the recording.
 */
public final class OfflineInput implements RecordedInput {

    /** The cap on an inflated frame, as a live feed's default. */
    public static final int MAX_INFLATED_BYTES = 16 * 1024 * 1024;

    private final MarketDataConnector connector;
    private final RecordedClock clock;
    private final Map<String, RecordedFrames> feedsByPath;
    private final RecordedSnapshots snapshots;
    private long restIgnored;
    private boolean closed;

    /**
     * @param connector    the connector, built with {@code clock} and never started
     * @param clock        the connector's clock
     * @param feedsByPath  the connector's inbound paths by the socket URL path they serve; the one under {@code ""}
     *                     serves every other path
     * @param snapshots    the connector's recorded snapshot source; null if it takes none over REST
     */
    public OfflineInput(MarketDataConnector connector, RecordedClock clock,
                        Map<String, RecordedFrames> feedsByPath, RecordedSnapshots snapshots) {
        this.connector = Objects.requireNonNull(connector, "connector");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.feedsByPath = Map.copyOf(feedsByPath);
        this.snapshots = snapshots;
    }

    @Override
    public MarketDataConnector connector() {
        return connector;
    }

    @Override
    public void frame(String socketUrl, long connectionId, byte[] payload, boolean binary, long receivedEpochNs) {
        clock.set(receivedEpochNs);
        feedOf(socketUrl).offer(connectionId, payload, binary, receivedEpochNs);
        if (snapshots != null) {
            snapshots.deliverDue();
        }
    }

    @Override
    public void connected(String socketUrl, long connectionId, long receivedEpochNs) {
        marker(socketUrl, connectionId, ConnectionEvent.State.CONNECTED, "", receivedEpochNs);
    }

    @Override
    public void disconnected(String socketUrl, long connectionId, String reason, long receivedEpochNs) {
        marker(socketUrl, connectionId, ConnectionEvent.State.DISCONNECTED, reason, receivedEpochNs);
    }

    private void marker(String socketUrl, long connectionId, ConnectionEvent.State state, String detail,
                        long receivedEpochNs) {
        clock.set(receivedEpochNs);
        connector.events().publish(new ConnectionEvent(connector.exchange(), connectionId, state,
                String.valueOf(socketUrl), detail, MarketEvent.NO_TIME, receivedEpochNs));
    }

    @Override
    public void rest(String url, byte[] body, long receivedEpochNs) {
        clock.set(receivedEpochNs);
        if (snapshots == null) {
            restIgnored++;
            return;
        }
        snapshots.answer(url, body);
        snapshots.deliverDue();
    }

    @Override
    public RecordedStats stats() {
        long delivered = 0;
        long dropped = 0;
        for (RecordedFrames frames : feedsByPath.values()) {
            delivered += frames.delivered();
            dropped += frames.offered() - frames.delivered();
        }
        return new RecordedStats(delivered, dropped, snapshots == null ? 0 : snapshots.applied(),
                restIgnored + (snapshots == null ? 0 : snapshots.unused()),
                snapshots == null ? 0 : snapshots.unanswered());
    }

    private RecordedFrames feedOf(String socketUrl) {
        String path = socketUrl == null ? "" : pathOf(socketUrl);
        RecordedFrames byPath = path.isEmpty() ? null : feedsByPath.get(path);
        if (byPath != null) {
            return byPath;
        }
        RecordedFrames any = feedsByPath.get("");
        if (any == null) {
            throw new IllegalArgumentException("no feed for socket " + socketUrl + " (have " + feedsByPath.keySet()
                    + ")");
        }
        return any;
    }

    private static String pathOf(String url) {
        try {
            String path = URI.create(url).getPath();
            return path == null ? "" : path.replaceAll("/+$", "");
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            connector.close();
        }
    }
}
