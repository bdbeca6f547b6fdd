package io.tributary.core.connection;

import io.tributary.core.time.NanoClock;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.function.DoubleSupplier;

/** A feed's settings, fixed at build time. See {@link Feed.Builder} for each one's meaning. */
record FeedConfig(ExchangeProtocol protocol, String name, List<String> subscriptions, NanoClock clock,
                  Duration watchdogTimeout, Duration maxSocketAge, Backoff backoff, int maxFrameBytes,
                  int maxInflatedBytes, Duration rotationOverlap, Duration connectTimeout, Duration closeTimeout,
                  DoubleSupplier random, List<X509Certificate> trustedCertificates,
                  List<FeedListener> listeners, List<FrameTap> taps) {
}
