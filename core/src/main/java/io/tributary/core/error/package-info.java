/** Bad input kinds and a distinct, rate-limited error log: bad input is counted and logged, never fatal. */
package io.tributary.core.error;
