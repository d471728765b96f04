package dev.iotcorelocal.api;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.HttpHeadersFactory;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Responses on the wire. Errors as AWS IoT sends them: {@code x-amzn-ErrorType: <Name>:} (both the
 * Java SDK and botocore read the type from this header, up to the colon), {@code x-amzn-RequestId},
 * and a JSON body with {@code message} but no numeric {@code code}, which botocore would take
 * for the error type when the header is missing.
 */
final class HttpResponses {
    private static final AsciiString REQUEST_ID = AsciiString.cached("x-amzn-RequestId");
    private static final AsciiString ERROR_TYPE = AsciiString.cached("x-amzn-ErrorType");
    /** Our own header names are constants and valid: checking them on every response showed in the Publish profile. */
    private static final HttpHeadersFactory UNCHECKED = DefaultHttpHeadersFactory.headersFactory().withValidation(false);

    private HttpResponses() {
    }

    /** A version 4 UUID from a non-blocking random source: request IDs need uniqueness, not secrecy. */
    static String newRequestId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = random.nextLong() & ~0xF000L | 0x4000L;
        long low = random.nextLong() & ~(3L << 62) | (2L << 62);
        return new UUID(high, low).toString();
    }

    static FullHttpResponse ok(ApiResponse response, String requestId) {
        FullHttpResponse http = build(HttpResponseStatus.OK, response.body(), response.contentType());
        http.headers().set(REQUEST_ID, requestId);
        return http;
    }

    static FullHttpResponse error(AwsException error, String requestId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message", error.getMessage());
        body.putAll(error.fields());
        body.put("traceId", requestId);
        FullHttpResponse http = build(HttpResponseStatus.valueOf(error.status()), Json.write(body), ApiResponse.JSON);
        http.headers().set(ERROR_TYPE, error.errorType() + ":");
        http.headers().set(REQUEST_ID, requestId);
        return http;
    }

    private static FullHttpResponse build(HttpResponseStatus status, byte[] body, String contentType) {
        FullHttpResponse http = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body),
                UNCHECKED, DefaultHttpHeadersFactory.trailersFactory());
        http.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        http.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        return http;
    }
}
