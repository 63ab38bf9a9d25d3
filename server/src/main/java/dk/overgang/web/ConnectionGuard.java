package dk.overgang.web;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.micronaut.http.server.netty.configuration.NettyHttpServerConfiguration;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a connection may cost the server (issue 12 §4), set on every HTTP/1.1 connection through
 * Micronaut's documented Netty customizer hook:
 * <ul>
 *   <li>the request head must be complete within {@code overgang.http.header-timeout} (10 s) of the
 *       connection opening or the previous response ending, and the body within
 *       {@code overgang.http.body-timeout} (30 s) of the head, else the connection is closed (a slow
 *       client cannot hold a connection open by trickling bytes, which Micronaut's idle timeouts,
 *       reset by every byte, allow for minutes);</li>
 *   <li>at most {@code overgang.http.max-connections-per-address} (64) open connections per client
 *       address; more are closed at once;</li>
 *   <li>the codec is {@link StrictHttpServerCodec}: Content-Length with Transfer-Encoding is refused
 *       and the connection closed.</li>
 * </ul>
 * Written here because Micronaut offers idle timeouts only and Netty no per-address cap.
 */
@Singleton
class ConnectionGuard implements BeanCreatedEventListener<NettyServerCustomizer.Registry>, NettyServerCustomizer {

    private static final String CODEC = "http-server-codec";

    private final Duration headerTimeout;
    private final Duration bodyTimeout;
    private final int maxPerAddress;
    private final NettyHttpServerConfiguration server;
    private final ConcurrentHashMap<InetAddress, AtomicInteger> open = new ConcurrentHashMap<>();

    ConnectionGuard(@Value("${overgang.http.header-timeout:10s}") Duration headerTimeout,
                    @Value("${overgang.http.body-timeout:30s}") Duration bodyTimeout,
                    @Value("${overgang.http.max-connections-per-address:64}") int maxPerAddress,
                    NettyHttpServerConfiguration server) {
        this.headerTimeout = headerTimeout;
        this.bodyTimeout = bodyTimeout;
        this.maxPerAddress = maxPerAddress;
        this.server = server;
    }

    @Override
    public NettyServerCustomizer.Registry onCreated(BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
        event.getBean().register(this);
        return event.getBean();
    }

    @Override
    public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
        if (role != ChannelRole.CONNECTION) {
            return this;
        }
        if (channel.remoteAddress() instanceof InetSocketAddress remote && remote.getAddress() != null) {
            InetAddress address = remote.getAddress();
            AtomicInteger count = open.computeIfAbsent(address, a -> new AtomicInteger());
            int now = count.incrementAndGet();
            channel.closeFuture().addListener(f -> {
                if (count.decrementAndGet() == 0) {
                    open.remove(address, count);
                }
            });
            if (now > maxPerAddress) {
                channel.close();
            }
        }
        return new NettyServerCustomizer() {
            @Override
            public void onStreamPipelineBuilt() {
                ChannelPipeline pipeline = channel.pipeline();
                if (pipeline.get(CODEC) != null) {
                    pipeline.replace(CODEC, CODEC, new StrictHttpServerCodec(new HttpDecoderConfig()
                            .setMaxInitialLineLength(server.getMaxInitialLineLength())
                            .setMaxHeaderSize(server.getMaxHeaderSize())
                            .setMaxChunkSize(server.getMaxChunkSize())
                            .setValidateHeaders(server.isValidateHeaders())
                            .setInitialBufferSize(server.getInitialBufferSize())));
                    pipeline.addAfter(CODEC, "overgang-deadlines", new Deadlines(headerTimeout, bodyTimeout));
                }
            }
        };
    }

    /** Closes a connection whose request head or body does not arrive in time. */
    static final class Deadlines extends ChannelDuplexHandler {

        private final long headerNanos;
        private final long bodyNanos;
        private int outstanding;
        private boolean inRequest;
        private ScheduledFuture<?> timer;

        Deadlines(Duration header, Duration body) {
            this.headerNanos = header.toNanos();
            this.bodyNanos = body.toNanos();
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            arm(ctx, headerNanos);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
            if (msg instanceof HttpRequest) {
                outstanding++;
                inRequest = true;
                cancel();
                if (!(msg instanceof LastHttpContent)) {
                    arm(ctx, bodyNanos);
                }
            }
            if (msg instanceof LastHttpContent) {
                inRequest = false;
                cancel();
            }
            super.channelRead(ctx, msg);
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
            boolean interim = msg instanceof HttpResponse response && response.status().codeClass() == HttpStatusClass.INFORMATIONAL;
            if (msg instanceof LastHttpContent && !interim) {
                outstanding = Math.max(0, outstanding - 1);
                if (outstanding == 0 && !inRequest) {
                    arm(ctx, headerNanos);
                }
            }
            super.write(ctx, msg, promise);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            cancel();
            super.channelInactive(ctx);
        }

        private void arm(ChannelHandlerContext ctx, long nanos) {
            cancel();
            timer = ctx.executor().schedule(() -> {
                ctx.close();
            }, nanos, TimeUnit.NANOSECONDS);
        }

        private void cancel() {
            if (timer != null) {
                timer.cancel(false);
                timer = null;
            }
        }
    }
}
