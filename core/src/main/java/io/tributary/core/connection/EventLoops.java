package io.tributary.core.connection;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The process-wide Netty event loops that carry every feed's sockets: one NIO thread per core, daemon threads,
 * created on first use. A feed is pinned to one loop of the group, so its sockets, timers, dedupe state and
 * publishing all run on one thread and need no locks.
 */
public final class EventLoops {

    private EventLoops() {
    }

    /** @return the shared group (never shut down; its threads are daemons) */
    public static EventLoopGroup shared() {
        return Holder.SHARED;
    }

    private static final class Holder {
        static final EventLoopGroup SHARED = new MultiThreadIoEventLoopGroup(
                Math.max(1, Runtime.getRuntime().availableProcessors()),
                new DefaultThreadFactory("tributary-io", true), NioIoHandler.newFactory());
    }
}
