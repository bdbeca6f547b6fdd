/**
 * The protocol-twin framework: a local WebSocket + HTTP server ({@link io.tributary.simulator.TwinServer}) that
 * exchange twins are built on, with routes, sessions that play scripted or generated frames
 * ({@link io.tributary.simulator.MessageSource}, {@link io.tributary.simulator.Playback}), and fault injection
 * ({@link io.tributary.simulator.Faults}) for tests and the CLI.
 *
 * <p>A twin depends on the model only, never on the connectors' parsing code: sharing it would let one bug fool both.
 */
package io.tributary.simulator;
