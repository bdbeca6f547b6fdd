/**
 * Allocation-light JSON reading shared by the exchange decoders: fastjson2's {@code JSONReader} over the message
 * bytes for structure and field-name hashes, with numbers taken straight from the bytes (no {@code double}, no
 * {@code String}).
 */
package io.tributary.exchange.json;
