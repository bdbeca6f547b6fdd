package io.tributary.simulator;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First handler of every connection: answers HTTP routes, or drives the WebSocket handshake itself (no Netty protocol
 * handler, so pings, pongs and closes reach the session untouched) and then hands the channel to a session.
 */
final class RequestDispatcher extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger log = LoggerFactory.getLogger(RequestDispatcher.class);

    private final TwinServer server;

    RequestDispatcher(TwinServer server) {
        this.server = server;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        if (request.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)) {
            WebSocketRoute route = server.webSocketRoute(uri.path());
            if (route == null) {
                respond(ctx, request, HttpReply.text(404, "no WebSocket route for " + uri.path()));
            } else {
                upgrade(ctx, request, uri, route);
            }
            return;
        }
        HttpRoute route = server.httpRoute(uri.path());
        if (route == null) {
            respond(ctx, request, HttpReply.text(404, "no route for " + uri.path()));
            return;
        }
        HttpReply reply;
        try {
            reply = route.handle(new HttpRequest(request.method().name(), uri.path(), uri.parameters(),
                    headersOf(request), ByteBufUtil.getBytes(request.content())));
        } catch (RuntimeException e) {
            log.warn("HTTP route {} failed", uri.path(), e);
            reply = HttpReply.text(500, e.toString());
        }
        respond(ctx, request, reply);
    }

    private void upgrade(ChannelHandlerContext ctx, FullHttpRequest request, QueryStringDecoder uri,
            WebSocketRoute route) {
        WebSocketDecoderConfig decoderConfig = WebSocketDecoderConfig.newBuilder()
                .maxFramePayloadLength(server.maxInboundFrameBytes())
                .allowExtensions(false)
                .build();
        String url = "ws://" + request.headers().get(HttpHeaderNames.HOST, "localhost") + request.uri();
        WebSocketServerHandshaker handshaker =
                new WebSocketServerHandshakerFactory(url, null, decoderConfig).newHandshaker(request);
        if (handshaker == null) {
            WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel());
            return;
        }
        // listed before the client can see the 101, so faults can reach the session at once
        ChannelSession session = server.acceptSession(uri.path(),
                Collections.unmodifiableMap(new LinkedHashMap<>(uri.parameters())), ctx.channel(), route);
        ctx.pipeline().addAfter(ctx.name(), "session", new SessionHandler(session));
        ctx.pipeline().replace(this, "ws-aggregator", new WebSocketFrameAggregator(server.maxInboundFrameBytes()));
        handshaker.handshake(ctx.channel(), request).addListener(done -> {
            if (done.isSuccess()) {
                session.opened();
            } else {
                log.debug("WebSocket handshake on {} failed: {}", uri.path(), done.cause().toString());
                ctx.channel().close();
            }
        });
    }

    private static Map<String, String> headersOf(FullHttpRequest request) {
        Map<String, String> headers = new LinkedHashMap<>();
        request.headers().forEach(h -> headers.putIfAbsent(h.getKey().toLowerCase(Locale.ROOT), h.getValue()));
        return headers;
    }

    private static void respond(ChannelHandlerContext ctx, FullHttpRequest request, HttpReply reply) {
        FullHttpResponse response = new DefaultFullHttpResponse(request.protocolVersion(),
                HttpResponseStatus.valueOf(reply.status()), Unpooled.wrappedBuffer(reply.body()));
        reply.headers().forEach((name, value) -> response.headers().set(name, value));
        HttpUtil.setContentLength(response, reply.body().length);
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        HttpUtil.setKeepAlive(response, keepAlive);
        var written = ctx.writeAndFlush(response);
        if (!keepAlive) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("closing connection after {}", cause.toString());
        ctx.close();
    }
}
