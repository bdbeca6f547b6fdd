package io.tributary.simulator.binance;

import io.tributary.simulator.TwinServer;
import io.tributary.simulator.TwinSession;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A twin of Binance spot market data (see exchange-protocols.md §3): {@code /ws}, {@code /ws/<stream>},
 * {@code /stream?streams=a/b}, live SUBSCRIBE/UNSUBSCRIBE/LIST_SUBSCRIPTIONS/SET_PROPERTY/GET_PROPERTY, a generated
 * market ({@link MarketGenerator}), REST {@code /api/v3/depth}, ping frames with a pong deadline, and
 * {@code serverShutdown} on demand. Faults come from {@link #server()}.
 */
public final class BinanceTwin implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(BinanceTwin.class);

  private final MarketGenerator market;
  private final StreamsRoute streams;
  private final TwinServer server;
  private final ScheduledExecutorService timer;
  private final LongSupplier epochMillis;
  private final long pongTimeoutNs;
  private long stepsDone; // timer thread only

  private BinanceTwin(Builder builder) {
    market = builder.market != null ? builder.market : MarketGenerator.builder().build();
    epochMillis = builder.epochMillis;
    pongTimeoutNs = builder.pongTimeout.toNanos();
    streams = new StreamsRoute(builder.maxStreamsPerConnection);
    server = TwinServer.builder()
        .host(builder.host)
        .port(builder.port)
        .webSocket("/ws", streams)
        .webSocketPrefix("/ws/", streams)
        .webSocket("/stream", streams)
        .http("/api/v3/depth", new DepthRoute(market))
        .start();
    timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("binance-twin").daemon().factory());
    if (builder.stepsPerSecond > 0) {
      scheduleSteps(builder.stepsPerSecond);
    }
    long pingIntervalNs = builder.pingInterval.toNanos();
    timer.scheduleAtFixedRate(this::guardedPing, pingIntervalNs, pingIntervalNs, TimeUnit.NANOSECONDS);
    long checkNs = Math.max(TimeUnit.MILLISECONDS.toNanos(5), pongTimeoutNs / 20);
    timer.scheduleAtFixedRate(this::guardedPongCheck, checkNs, checkNs, TimeUnit.NANOSECONDS);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The underlying server: sessions, and faults server-wide or per session. */
  public TwinServer server() {
    return server;
  }

  public MarketGenerator market() {
    return market;
  }

  /** e.g. {@code webSocketUri("/stream?streams=btcusdt@depth/btcusdt@trade")}. */
  public URI webSocketUri(String pathAndQuery) {
    return server.webSocketUri(pathAndQuery);
  }

  /** e.g. {@code restUri("/api/v3/depth?symbol=BTCUSDT&limit=100")}. */
  public URI restUri(String pathAndQuery) {
    return server.httpUri(pathAndQuery);
  }

  /** Runs one market step now and sends its events (for tests that drive the market by hand). */
  public void step() {
    synchronized (market) {
      streams.publish(market.step(), market); // under the market's lock: events leave in the order they were made
    }
  }

  /**
   * Plays a {@link DepthFlood} of {@code symbol} into the one connection subscribed to its diff depth, at
   * {@code updatesPerSecond} or, when {@code <= 0}, as fast as the socket takes it. For benchmarks: run the twin with
   * {@code stepsPerSecond(0)} so the market does not step meanwhile.
   *
   * @throws IllegalStateException unless exactly one connection is subscribed to the symbol's diff depth
   */
  public DepthFlood flood(String symbol, long updates, int levels, double updatesPerSecond) {
    String depth = symbol.toLowerCase(java.util.Locale.ROOT) + "@depth";
    List<BinanceConnection> subscribed = streams.connections().stream()
        .filter(connection -> connection.subscribedName(depth) != null).toList();
    if (subscribed.size() != 1) {
      throw new IllegalStateException(subscribed.size() + " connections subscribed to " + depth + ", need exactly 1");
    }
    BinanceConnection connection = subscribed.getFirst();
    DepthFlood flood = market.depthFlood(symbol, connection.combined() ? connection.subscribedName(depth) : null,
        updates, levels);
    connection.session().play(flood, updatesPerSecond);
    return flood;
  }

  /** Tells every connection {@code {"e":"serverShutdown","E":..}} (combined: stream {@code !serverShutdown}). */
  public void serverShutdown() {
    streams.broadcast("!serverShutdown", "{\"e\":\"serverShutdown\",\"E\":" + epochMillis.getAsLong() + "}");
  }

  @Override
  public void close() {
    timer.shutdownNow();
    server.close();
  }

  private void scheduleSteps(double stepsPerSecond) {
    long periodNs = Math.max(TimeUnit.MILLISECONDS.toNanos(1), Math.round(1e9 / stepsPerSecond));
    long startNs = System.nanoTime();
    timer.scheduleAtFixedRate(() -> {
      try {
        // timers are coarse: run every step that is due by now, so fast rates stay exact on average
        long due = (long) ((System.nanoTime() - startNs) * stepsPerSecond / 1e9);
        for (; stepsDone < due; stepsDone++) {
          step();
        }
      } catch (RuntimeException e) {
        log.warn("market step failed", e);
      }
    }, periodNs, periodNs, TimeUnit.NANOSECONDS);
  }

  private void guardedPing() {
    try {
      long nowNs = System.nanoTime();
      String payload = Long.toString(epochMillis.getAsLong());
      for (BinanceConnection connection : streams.connections()) {
        connection.pingSent(payload, nowNs);
        connection.session().sendPing(payload.getBytes(StandardCharsets.UTF_8));
      }
    } catch (RuntimeException e) {
      log.warn("ping failed", e);
    }
  }

  private void guardedPongCheck() {
    try {
      long nowNs = System.nanoTime();
      for (BinanceConnection connection : List.copyOf(streams.connections())) {
        TwinSession session = connection.session();
        if (session.isOpen() && connection.pongOverdue(nowNs, pongTimeoutNs)) {
          session.close(1008, "Pong timeout");
        }
      }
    } catch (RuntimeException e) {
      log.warn("pong check failed", e);
    }
  }

  public static final class Builder {
    private String host = "127.0.0.1";
    private int port;
    private MarketGenerator market;
    private double stepsPerSecond = 10;
    private Duration pingInterval = Duration.ofSeconds(20);
    private Duration pongTimeout = Duration.ofMinutes(1);
    private int maxStreamsPerConnection = 1024;
    private LongSupplier epochMillis = System::currentTimeMillis;

    private Builder() {}

    public Builder host(String host) {
      this.host = host;
      return this;
    }

    public Builder port(int port) {
      this.port = port;
      return this;
    }

    public Builder market(MarketGenerator market) {
      this.market = market;
      return this;
    }

    /** Market steps per second; 0 = only when {@link BinanceTwin#step()} is called. */
    public Builder stepsPerSecond(double steps) {
      stepsPerSecond = steps;
      return this;
    }

    /** Binance: 20 s. */
    public Builder pingInterval(Duration interval) {
      pingInterval = interval;
      return this;
    }

    /** Binance: 1 min without a pong echoing one of our pings closes the connection. */
    public Builder pongTimeout(Duration timeout) {
      pongTimeout = timeout;
      return this;
    }

    /** Binance: 1024. */
    public Builder maxStreamsPerConnection(int streams) {
      maxStreamsPerConnection = streams;
      return this;
    }

    /** The clock for {@code serverShutdown}'s {@code E} and ping payloads. */
    public Builder clock(LongSupplier epochMillis) {
      this.epochMillis = epochMillis;
      return this;
    }

    public BinanceTwin start() {
      return new BinanceTwin(this);
    }
  }
}
