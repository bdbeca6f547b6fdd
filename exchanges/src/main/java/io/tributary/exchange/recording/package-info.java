/**
 * Readers of recorded exchange sessions (cryptofeed raw captures, hftbacktest collector files, JSON-array feeds),
 * streamed one entry at a time with the recorder's receive time: used by the replay tests and the CLI's
 * {@code replay} command. Formats: {@code shared/data/INDEX.md}.
 */
package io.tributary.exchange.recording;
