package dk.overgang.web;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.CombinedChannelDuplexHandler;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpStatusClass;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;

/**
 * Netty's {@code HttpServerCodec} with one difference: a request carrying both {@code Content-Length}
 * and {@code Transfer-Encoding} is a bad message (RFC 9112 §6.1: "the server MAY reject the request
 * ... and then close the connection"), where Netty drops the Content-Length and reads on. A proxy in
 * front that trusts the Content-Length would otherwise forward a second, hidden request inside the
 * first (request smuggling). Netty has no switch for this and the decoder is private to its codec,
 * so the codec is rebuilt here from its public parts: the decoder with the override, and the encoder
 * that, like Netty's, remembers each request's method so a HEAD response carries no body.
 */
final class StrictHttpServerCodec extends CombinedChannelDuplexHandler<HttpRequestDecoder, HttpResponseEncoder> {

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

    private final class Decoder extends HttpRequestDecoder {

        Decoder(HttpDecoderConfig config) {
            super(config);
        }

        @Override
        protected void handleTransferEncodingChunkedWithContentLength(HttpMessage message) {
            throw new AmbiguousLengthException();
        }

        @Override
        protected void decode(ChannelHandlerContext ctx, ByteBuf buffer, List<Object> out) throws Exception {
            int before = out.size();
            super.decode(ctx, buffer, out);
            for (int i = before; i < out.size(); i++) {
                if (out.get(i) instanceof HttpRequest request) {
                    methods.add(request.method());
                }
            }
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
