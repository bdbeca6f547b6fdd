package io.tributary.simulator;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Hands every inbound frame, control frames included, to the session: nothing is answered automatically. */
final class SessionHandler extends SimpleChannelInboundHandler<WebSocketFrame> {
    private static final Logger log = LoggerFactory.getLogger(SessionHandler.class);

    private final ChannelSession session;

    SessionHandler(ChannelSession session) {
        this.session = session;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        switch (frame) {
            case TextWebSocketFrame text -> session.onText(text.text());
            case BinaryWebSocketFrame binary -> session.onBinary(ByteBufUtil.getBytes(binary.content()));
            case PingWebSocketFrame ping -> session.onPing(ping.content());
            case PongWebSocketFrame pong -> session.onPong(ByteBufUtil.getBytes(pong.content()));
            case CloseWebSocketFrame close -> session.onCloseFrame(close.statusCode(), close.reasonText());
            default -> log.debug("{}: ignoring {}", session, frame); // continuations are aggregated upstream
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        session.pump();
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        session.onChannelClosed();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("{}: closing after {}", session, cause.toString());
        ctx.close();
    }
}
