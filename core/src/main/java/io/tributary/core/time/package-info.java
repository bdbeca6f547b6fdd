/** Injectable clocks: monotonic nanoseconds for deadlines, epoch nanoseconds for stamping received messages. */
package io.tributary.core.time;
