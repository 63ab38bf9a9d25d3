package dk.overgang.web;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.ByteProcessor;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.CombinedChannelDuplexHandler;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.TimeUnit;

/**
 * Netty's {@code HttpServerCodec}, strict where a request's length could be read two ways (request
 * smuggling: a proxy in front that reads the length one way forwards a second, hidden request inside
 * the first):
 * <ul>
 *   <li>{@code Content-Length} with {@code Transfer-Encoding: chunked} is a bad message (RFC 9112
 *       §6.1: "the server MAY reject the request ... and then close the connection"), where Netty
 *       drops the Content-Length and reads on: 400, connection closed;</li>
 *   <li>any {@code Transfer-Encoding} other than exactly one final {@code chunked} ({@code identity},
 *       {@code xchunked}, {@code gzip, chunked}, an empty value), which Netty ignores and then reads
 *       the body by {@code Content-Length}: 501 (RFC 9112 §6.1: a coding the server does not
 *       understand), connection closed (§6.3: with Content-Length the message is refused);</li>
 *   <li>a header line folded onto the previous one (obs-fold), which Netty joins to the previous
 *       value where a proxy may read it as a header of its own ({@code X: y\r\n Transfer-Encoding:
 *       chunked}): 400 (RFC 9112 §5.2 allows rejecting it), connection closed.</li>
 * </ul>
 * After a refusal every further byte of the connection is discarded, so nothing hidden in the
 * message is served. Netty has no switch for any of this and the decoder is private to its codec,
 * so the codec is rebuilt here from its public parts: the decoder with the overrides, and the
 * encoder that, like Netty's, remembers each request's method so a HEAD response carries no body.
 * The 501 and the folded-header 400 are written by the decoder itself (a problem+json body and
 * {@code Connection: close}), since no request exists yet for the application to answer.
 */
final class StrictHttpServerCodec extends CombinedChannelDuplexHandler<HttpRequestDecoder, HttpResponseEncoder> {

    /** How long a refused connection still takes (and drops) bytes before it closes. */
    private static final long LINGER_MILLIS = 2000;

    private final Queue<HttpMethod> methods = new ArrayDeque<>();

    StrictHttpServerCodec(HttpDecoderConfig config) {
        init(new Decoder(config), new Encoder());
    }

    /** Thrown inside the decoder, which turns it into a failed message and discards the rest of the connection. */
    static final class AmbiguousLengthException extends IllegalArgumentException {
        AmbiguousLengthException() {
            super("Content-Length and Transfer-Encoding together");
        }
    }

    /** A Transfer-Encoding other than one final {@code chunked}: 501. */
    static final class UnsupportedCodingException extends IllegalArgumentException {
        UnsupportedCodingException() {
            super("Transfer-Encoding other than chunked");
        }
    }

    /** The transfer codings a request may name: exactly {@code chunked}, once (RFC 9112 §7). */
    static boolean acceptedCodings(List<String> fields) {
        if (fields.isEmpty()) {
            return true;
        }
        StringBuilder all = new StringBuilder();
        for (String field : fields) {
            all.append(all.isEmpty() ? "" : ",").append(field);
        }
        return all.toString().strip().toLowerCase(Locale.ROOT).equals("chunked");
    }

    private final class Decoder extends HttpRequestDecoder {

        /** True once a message was refused: every further byte of the connection is dropped. */
        private boolean refused;
        /** True while the bytes ahead are a request head (from a message's start to its empty line). */
        private boolean inHead = true;
        /** Bytes at the start of the readable region already checked for folded lines. */
        private int checked;
        private boolean lineStart = true;
        private boolean headStarted;
        private boolean blankLine;

        Decoder(HttpDecoderConfig config) {
            super(config);
        }

        @Override
        protected void handleTransferEncodingChunkedWithContentLength(HttpMessage message) {
            throw new AmbiguousLengthException();
        }

        /** Called by Netty once a request's headers are read, before it picks how to read the body. */
        @Override
        protected boolean isContentAlwaysEmpty(HttpMessage message) {
            if (!acceptedCodings(message.headers().getAll(HttpHeaderNames.TRANSFER_ENCODING))) {
                throw new UnsupportedCodingException();
            }
            return super.isContentAlwaysEmpty(message);
        }

        @Override
        protected void decode(ChannelHandlerContext ctx, ByteBuf buffer, List<Object> out) throws Exception {
            if (refused) {
                buffer.skipBytes(buffer.readableBytes());
                return;
            }
            if (inHead && folded(buffer)) {
                refuse(ctx, buffer, ProblemType.MALFORMED_REQUEST, "A header line is folded (obs-fold); send each header on one line.");
                return;
            }
            int before = out.size();
            int start = buffer.readerIndex();
            super.decode(ctx, buffer, out);
            checked = Math.max(0, checked - (buffer.readerIndex() - start));
            for (int i = before; i < out.size(); i++) {
                Object decoded = out.get(i);
                if (decoded instanceof HttpObject object && object.decoderResult().cause() instanceof UnsupportedCodingException) {
                    out.subList(before, out.size()).clear();
                    refuse(ctx, buffer, ProblemType.TRANSFER_CODING_NOT_IMPLEMENTED,
                            "Only the chunked transfer coding is understood; send the body with Content-Length or chunked.");
                    return;
                }
                if (decoded instanceof HttpRequest request) {
                    methods.add(request.method());
                }
                if (decoded instanceof LastHttpContent) {
                    // The next request's head starts where this message ended.
                    inHead = true;
                    checked = 0;
                    lineStart = true;
                    headStarted = false;
                    blankLine = false;
                }
            }
        }

        /**
         * Scans the head bytes not yet checked for a line that starts with a space or a tab (obs-fold),
         * up to the head's empty line. Leading empty lines before the request line are skipped, as
         * Netty skips them. One pass of Netty's own byte loop ({@code forEachByte}) over each byte once.
         */
        private boolean folded(ByteBuf buffer) {
            int from = buffer.readerIndex() + checked;
            int length = buffer.writerIndex() - from;
            if (length <= 0) {
                return false;
            }
            foldFound = false;
            int stoppedAt = buffer.forEachByte(from, length, headScanner);
            checked += stoppedAt < 0 ? length : stoppedAt - from + 1;
            return foldFound;
        }

        private boolean foldFound;

        /** Reads head bytes until the head's end (inHead false) or a folded line (foldFound). */
        private final ByteProcessor headScanner = b -> {
            if (!headStarted) {
                if (b != '\r' && b != '\n' && b != ' ' && b != '\t') {
                    headStarted = true;
                    lineStart = false;
                }
                return true;
            }
            if (b == '\n') {
                if (lineStart || blankLine) {
                    inHead = false; // the empty line: the body (if any) follows
                    return false;
                }
                lineStart = true;
                return true;
            }
            if (lineStart && (b == ' ' || b == '\t')) {
                foldFound = true;
                return false;
            }
            blankLine = lineStart && b == '\r';
            lineStart = false;
            return true;
        };

        private void refuse(ChannelHandlerContext ctx, ByteBuf buffer, ProblemType type, String detail) {
            refused = true;
            buffer.skipBytes(buffer.readableBytes());
            byte[] body = ("{\"type\":\"" + type.uri() + "\",\"title\":\"" + type.title() + "\",\"status\":"
                    + type.status() + ",\"detail\":\"" + detail + "\"}").getBytes(StandardCharsets.UTF_8);
            String head = "HTTP/1.1 " + type.status() + (type.status() == 501 ? " Not Implemented" : " Bad Request")
                    + "\r\nContent-Type: application/problem+json\r\nContent-Length: " + body.length
                    + "\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n";
            ByteBuf response = Unpooled.wrappedBuffer(head.getBytes(StandardCharsets.US_ASCII), body);
            // A lingering close: the client may still be sending the rest of the message, and closing
            // with unread bytes makes TCP reset the connection, which can destroy the answer before the
            // client reads it. So the output is shut down first (the client reads the answer and the
            // end), what else arrives is discarded, and the connection closes a moment later.
            ctx.writeAndFlush(response).addListener(written -> {
                if (ctx.channel() instanceof DuplexChannel duplex && written.isSuccess()) {
                    duplex.shutdownOutput();
                    ctx.executor().schedule(() -> ctx.close(), LINGER_MILLIS, TimeUnit.MILLISECONDS);
                } else {
                    ctx.close();
                }
            });
        }
    }

    private final class Encoder extends HttpResponseEncoder {

        private HttpMethod method;

        @Override
        protected void sanitizeHeadersBeforeEncode(HttpResponse msg, boolean isAlwaysEmpty) {
            if (!isAlwaysEmpty && HttpMethod.CONNECT.equals(method) && msg.status().codeClass() == HttpStatusClass.SUCCESS) {
                msg.headers().remove(io.netty.handler.codec.http.HttpHeaderNames.TRANSFER_ENCODING);
                return;
            }
            super.sanitizeHeadersBeforeEncode(msg, isAlwaysEmpty);
        }

        @Override
        protected boolean isContentAlwaysEmpty(HttpResponse msg) {
            // An informational (1xx) response does not finish its request.
            method = msg.status().codeClass() != HttpStatusClass.INFORMATIONAL ? methods.poll() : null;
            return HttpMethod.HEAD.equals(method) || super.isContentAlwaysEmpty(msg);
        }
    }
}
