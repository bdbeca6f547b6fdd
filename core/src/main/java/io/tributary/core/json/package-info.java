/** JSON message filters evaluated on lazily parsed messages. */
package io.tributary.core.json;
