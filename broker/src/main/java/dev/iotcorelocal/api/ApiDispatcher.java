package dev.iotcorelocal.api;

import dev.iotcorelocal.registry.RegistryRefusal;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.QueryStringDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A request to its operation and back, in two steps so the listener can run cheap operations on
 * its I/O thread and the rest on a worker: {@link #resolve} finds the service (SigV4 scope, or
 * path and host), the operation (method and raw path) and the handler, and copies what the handler
 * needs out of the Netty request; {@link #answer} runs the handler. Every outcome is an AWS-shaped
 * response; an unexpected failure is logged with its stack trace and answered InternalFailureException.
 */
final class ApiDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(ApiDispatcher.class);
    private final RouteTable routes;

    ApiDispatcher(RouteTable routes) {
        this.routes = routes;
    }

    /**
     * A request resolved to its handler, or to the refusal that answers it.
     * @param onIoThread whether {@link #answer} may run on the listener's I/O thread
     */
    record Call(String requestId, String description, String operation, ApiHandler handler, ApiRequest request,
                AwsException refusal, boolean onIoThread) {
    }

    /** Never throws; reads the request but neither keeps nor releases it. */
    Call resolve(FullHttpRequest http, X509Certificate clientCertificate) {
        String requestId = HttpResponses.newRequestId();
        String description = http.method() + " " + http.uri();
        String operation = null;
        try {
            if (http.decoderResult().isFailure()) {
                throw AwsException.invalidRequest("Malformed HTTP request: " + http.decoderResult().cause().getMessage());
            }
            QueryStringDecoder uri = new QueryStringDecoder(http.uri(), StandardCharsets.UTF_8);
            List<String> segments = split(uri.rawPath());
            Map<String, List<String>> query = query(uri);
            String method = http.method().name();
            ServiceResolver.CredentialScope scope = ServiceResolver.scope(
                    http.headers().get(HttpHeaderNames.AUTHORIZATION), first(query, "X-Amz-Credential"));
            ApiService service = scope == null
                    ? ServiceResolver.unsigned(routes, http.headers().get(HttpHeaderNames.HOST), method, segments)
                    : ApiService.forSigningName(scope.service());
            if (service == null) {
                throw AwsException.unknownOperation("iotcore-local serves AWS IoT (iot, iot-data, iot-jobs-data); "
                        + "this request is signed for the service '" + scope.service() + "'.");
            }
            RouteTable.Match match = routes.match(service, method, segments);
            if (match == null) {
                throw AwsException.unknownOperation("AWS IoT's " + service.cliName() + " API has no operation "
                        + method + " " + uri.rawPath() + ".");
            }
            operation = match.operation().name();
            ApiHandler handler = routes.handler(match.operation());
            if (handler == null) {
                throw AwsException.notImplemented(operation);
            }
            ApiRequest request = new ApiRequest(service, operation, match.labels(), query, headers(http),
                    ByteBufUtil.getBytes(http.content()), scope == null ? null : scope.region(), clientCertificate);
            return new Call(requestId, description, operation, handler, request, null,
                    routes.runsOnIoThread(match.operation()));
        } catch (AwsException e) {
            return refused(requestId, description, operation, e);
        } catch (RuntimeException e) {
            return refused(requestId, description, operation, unexpected(description, operation, requestId, e));
        }
    }

    /** Never throws. */
    FullHttpResponse answer(Call call) {
        if (call.refusal() != null) {
            return HttpResponses.error(call.refusal(), call.requestId());
        }
        try {
            return HttpResponses.ok(call.handler().handle(call.request()), call.requestId());
        } catch (AwsException e) {
            return HttpResponses.error(e, call.requestId());
        } catch (RegistryRefusal e) {
            return HttpResponses.error(AwsException.of(e), call.requestId());
        } catch (RuntimeException e) {
            return HttpResponses.error(unexpected(call.description(), call.operation(), call.requestId(), e),
                    call.requestId());
        }
    }

    /** Refusals are answered where they are found: they are cheap and block nothing. */
    private static Call refused(String requestId, String description, String operation, AwsException refusal) {
        return new Call(requestId, description, operation, null, null, refusal, true);
    }

    private static AwsException unexpected(String description, String operation, String requestId, RuntimeException e) {
        LOG.error("{} ({}) failed unexpectedly, request {}", description, operation, requestId, e);
        return AwsException.internalFailure("iotcore-local failed to handle "
                + (operation == null ? "this request" : operation) + " (request " + requestId
                + "; the broker's log has the cause).");
    }

    /** "/a/b%2Fc/" to [a, b%2Fc, ""]: the split comes before any decoding. */
    private static List<String> split(String rawPath) {
        String path = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
        return List.of(path.split("/", -1));
    }

    private static Map<String, List<String>> query(QueryStringDecoder uri) {
        try {
            return uri.parameters();
        } catch (IllegalArgumentException e) {
            throw AwsException.invalidRequest("Invalid percent-encoding in the query string: " + e.getMessage());
        }
    }

    private static String first(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static Map<String, String> headers(FullHttpRequest http) {
        Map<String, String> headers = new HashMap<>();
        for (Map.Entry<String, String> header : http.headers()) {
            headers.putIfAbsent(header.getKey().toLowerCase(Locale.ROOT), header.getValue());
        }
        return Map.copyOf(headers);
    }
}
