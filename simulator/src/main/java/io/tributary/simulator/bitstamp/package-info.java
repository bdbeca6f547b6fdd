/**
 * The Bitstamp v2 twin: {@code bts:*} control events, client heartbeat answers, {@code bts:request_reconnect} on
 * demand, {@code live_orders} consistent with {@code detail_order_book}, diffs keyed only by {@code microtimestamp},
 * a REST {@code order_book} that can lag the stream, and a missed diff on demand. Shares no code with the connector.
 */
package io.tributary.simulator.bitstamp;
