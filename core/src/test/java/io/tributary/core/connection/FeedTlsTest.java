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
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.tributary.core.json.JsonFilter;
import io.tributary.core.stream.StreamOptions;
import java.io.FileInputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wss://} against a real TLS WebSocket server whose certificate (made with the JDK's keytool) names only
 * {@code localhost}: verification is always on, so an untrusted certificate or a wrong host name never connects.
 */
class FeedTlsTest {

    private static final char[] PASSWORD = "changeit".toCharArray();
    @TempDir
    static Path dir;
    private static X509Certificate certificate;
    private static EventLoopGroup group;
    private static Channel server;
    private static int port;
    private Feed feed;

    @BeforeAll
    static void startTlsServer() throws Exception {
        Path keystore = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "twin", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "san=dns:localhost", "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        assertThat(keytool.waitFor()).as(output).isZero();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(keystore.toFile())) {
            store.load(in, PASSWORD);
        }
        certificate = (X509Certificate) store.getCertificate("twin");
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, PASSWORD);
        SslContext ssl = SslContextBuilder.forServer(keys).build();

        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(ssl.newHandler(ch.alloc()), new HttpServerCodec(),
                                new HttpObjectAggregator(65536), new WebSocketServerProtocolHandler("/tls"),
                                new SimpleChannelInboundHandler<TextWebSocketFrame>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
                                        ctx.writeAndFlush(new TextWebSocketFrame(
                                                "{\"type\":\"data\",\"channel\":\"btc\",\"seq\":1}"));
                                    }

                                    @Override
                                    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                        ctx.close(); // the refused handshakes these tests provoke
                                    }
                                });
                    }
                }).bind("127.0.0.1", 0).sync().channel();
        port = ((InetSocketAddress) server.localAddress()).getPort();
        Files.deleteIfExists(keystore);
    }

    @AfterAll
    static void stopTlsServer() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    @AfterEach
    void closeFeed() {
        feed.close();
    }

    private List<RawMessage> start(String host, X509Certificate... trusted) {
        feed = Feed.builder(new TestProtocol(URI.create("wss://" + host + ":" + port + "/tls"))).subscribe("btc")
                .trustedCertificates(trusted).build();
        List<RawMessage> received = new CopyOnWriteArrayList<>();
        feed.addHandler(JsonFilter.all(), received::add, StreamOptions.defaults());
        feed.start();
        return received;
    }

    @Test
    void connectsOverTlsToATrustedCertificateForTheRightHost() {
        List<RawMessage> received = start("localhost", certificate);
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 1);
        assertThat(received.get(0).text()).isEqualTo("{\"type\":\"data\",\"channel\":\"btc\",\"seq\":1}");
    }

    @Test
    void refusesACertificateTheTrustStoreDoesNotKnow() {
        List<RawMessage> received = start("localhost"); // the JDK's default trust store
        await().atMost(Duration.ofSeconds(10)).until(() -> feed.stats().connectsStarted() >= 2);
        assertThat(received).isEmpty();
        assertThat(feed.sockets()).noneMatch(socket -> socket.state() == SocketState.LIVE);
    }

    @Test
    void refusesATrustedCertificateForAnotherHostName() {
        List<RawMessage> received = start("127.0.0.1", certificate); // the certificate names localhost only
        await().atMost(Duration.ofSeconds(10)).until(() -> feed.stats().connectsStarted() >= 2);
        assertThat(received).isEmpty();
    }
}
