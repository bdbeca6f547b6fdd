package io.tributary.core.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.tributary.core.error.BadInput;
import io.tributary.core.json.JsonFilter;
import io.tributary.core.stream.StreamOptions;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Fragmented messages (which the twin cannot send) from a plain Netty WebSocket server: reassembled under the frame
 * cap; a fragmented message over the cap is skipped whole and counted once; the socket goes on.
 */
class FeedFragmentsTest {

    private static final int MAX_FRAME_BYTES = 1024;

    private EventLoopGroup group;
    private Channel server;
    private Feed feed;

    @BeforeEach
    void startServer() throws InterruptedException {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(65536),
                                new WebSocketServerProtocolHandler("/frames"),
                                new SimpleChannelInboundHandler<TextWebSocketFrame>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
                                        sendFragments(ctx);
                                    }
                                });
                    }
                }).bind("127.0.0.1", 0).sync().channel();
    }

    /** A message in three fragments, one too large in three fragments, then a plain one. */
    private static void sendFragments(ChannelHandlerContext ctx) {
        ctx.write(new TextWebSocketFrame(false, 0, "{\"type\":\"da"));
        ctx.write(new ContinuationWebSocketFrame(false, 0, "ta\",\"channel\":\"btc\","));
        ctx.write(new ContinuationWebSocketFrame(true, 0, "\"seq\":1}"));
        String padding = "x".repeat(MAX_FRAME_BYTES / 2);
        ctx.write(new TextWebSocketFrame(false, 0, "{\"type\":\"data\",\"pad\":\"" + padding));
        ctx.write(new ContinuationWebSocketFrame(false, 0, padding));
        ctx.write(new ContinuationWebSocketFrame(true, 0, "\",\"channel\":\"btc\",\"seq\":2}"));
        ctx.writeAndFlush(new TextWebSocketFrame("{\"type\":\"data\",\"channel\":\"btc\",\"seq\":3}"));
    }

    @AfterEach
    void stop() {
        if (feed != null) {
            feed.close();
        }
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    @Test
    void reassemblesFragmentsAndSkipsAFragmentedMessageOverTheCap() {
        int port = ((InetSocketAddress) server.localAddress()).getPort();
        feed = Feed.builder(new TestProtocol(URI.create("ws://127.0.0.1:" + port + "/frames"))).subscribe("btc")
                .maxFrameBytes(MAX_FRAME_BYTES).build();
        List<String> received = new CopyOnWriteArrayList<>();
        feed.addHandler(JsonFilter.all(), message -> received.add(message.text()), StreamOptions.defaults());
        feed.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 2);
        assertThat(received).containsExactly("{\"type\":\"data\",\"channel\":\"btc\",\"seq\":1}",
                "{\"type\":\"data\",\"channel\":\"btc\",\"seq\":3}");
        assertThat(feed.sockets()).singleElement().satisfies(socket -> {
            assertThat(socket.badInput()).isEqualTo(Map.of(BadInput.OVERSIZED_FRAME, 1L));
            assertThat(socket.state()).isEqualTo(SocketState.LIVE);
        });
    }
}
