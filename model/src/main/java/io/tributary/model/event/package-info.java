/** Normalized market-data events: one shape for every exchange, exact decimals, exchange and receive times. */
package io.tributary.model.event;
