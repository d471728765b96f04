package dev.iotcorelocal.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.iotcorelocal.auth.Authorizer;
import dev.iotcorelocal.limits.ShadowNames;
import dev.iotcorelocal.shadow.ShadowKey;
import dev.iotcorelocal.shadow.ShadowOperation;
import dev.iotcorelocal.shadow.ShadowRejection;
import dev.iotcorelocal.shadow.ShadowResult;
import dev.iotcorelocal.shadow.ShadowService;

import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * iot-data's shadow operations. They call the same service the MQTT topics do, so an HTTP
 * update is applied in order with the devices' and publishes the same notifications. The wait
 * for the thing's lane happens here, on an API worker, never on an MQTT event loop. Over TLS with
 * a client certificate, the certificate's policies decide {@code iot:GetThingShadow},
 * {@code iot:UpdateThingShadow}, {@code iot:DeleteThingShadow} on {@code thing/<thing>[/<shadow>]}
 * and {@code iot:ListNamedShadowsForThing} on {@code *}; a refusal is iot-data's 401
 * UnauthorizedException (the only authorization error these operations' model has).
 */
public final class ShadowApi implements ApiModule {
    private static final byte[] NO_PAYLOAD = new byte[0];
    private static final long ANSWER_TIMEOUT_SECONDS = 10;
    private static final int DEFAULT_PAGE_SIZE = 25; // AWS documents no default; its examples page in tens
    private final ShadowService shadows;
    private final Authorizer authorizer;

    public ShadowApi(ShadowService shadows, Authorizer authorizer) {
        this.shadows = shadows;
        this.authorizer = authorizer;
    }

    @Override
    public void register(RouteTable routes) {
        routes.on(ApiService.DATA, "GetThingShadow", r -> call(r, ShadowOperation.GET, "iot:GetThingShadow", NO_PAYLOAD))
                .on(ApiService.DATA, "UpdateThingShadow",
                        r -> call(r, ShadowOperation.UPDATE, "iot:UpdateThingShadow", r.body()))
                .on(ApiService.DATA, "DeleteThingShadow",
                        r -> call(r, ShadowOperation.DELETE, "iot:DeleteThingShadow", NO_PAYLOAD))
                .on(ApiService.DATA, "ListNamedShadowsForThing", this::listNamedShadows);
    }

    private ApiResponse call(ApiRequest request, ShadowOperation operation, String action, byte[] payload) {
        ShadowKey key = key(request);
        authorize(request, key.shadowName() == null ? "thing/" + key.thingName()
                : "thing/" + key.thingName() + '/' + key.shadowName(), action);
        ShadowResult result = await(shadows.call(key, operation, payload));
        if (!result.accepted()) {
            throw refusal(result.rejection());
        }
        return ApiResponse.raw(result.response(), ApiResponse.JSON);
    }

    private void authorize(ApiRequest request, String resource, String action) {
        String refusal = authorizer.refuseHttp(request.clientCertificate(), resource, List.of(action));
        if (refusal != null) {
            throw new AwsException("UnauthorizedException", 401, refusal);
        }
    }

    private static ShadowKey key(ApiRequest request) {
        String thing = thingName(request);
        String name = request.query("name");
        if (name != null && !ShadowNames.validShadowName(name)) {
            throw AwsException.invalidRequest("Invalid shadow name: a shadow name is 1-64 characters of "
                    + "[$a-zA-Z0-9:_-], was '" + name + "'.");
        }
        return new ShadowKey(thing, name);
    }

    private static String thingName(ApiRequest request) {
        String thing = request.path("thingName");
        if (!ShadowNames.validThingName(thing)) {
            throw AwsException.invalidRequest("Invalid thing name: a thing name is 1-128 characters of "
                    + "[a-zA-Z0-9:_-], was '" + thing + "'.");
        }
        return thing;
    }

    record NamedShadows(@JsonProperty("results") List<String> results, @JsonProperty("nextToken") String nextToken,
                        @JsonProperty("timestamp") BigDecimal timestamp) {
    }

    private ApiResponse listNamedShadows(ApiRequest request) {
        String thing = thingName(request);
        authorize(request, Authorizer.ANY_RESOURCE, "iot:ListNamedShadowsForThing");
        Long pageSize = request.queryLong("pageSize", 1, 100);
        int limit = pageSize == null ? DEFAULT_PAGE_SIZE : pageSize.intValue();
        String after = PageToken.decode(request.query("nextToken"));
        // one more than the page: whether a next page exists without a second look
        List<String> names = await(shadows.namedShadows(thing, after, limit + 1));
        String next = null;
        if (names.size() > limit) {
            names = names.subList(0, limit);
            next = PageToken.encode(names.get(limit - 1));
        }
        return ApiResponse.json(new NamedShadows(names, next, BigDecimal.valueOf(shadows.nowSeconds())));
    }

    private static <T> T await(CompletableFuture<T> answer) {
        try {
            return answer.get(ANSWER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw serviceUnavailable("Interrupted while waiting for the shadow service.");
        } catch (TimeoutException e) {
            throw serviceUnavailable("The shadow service did not answer within " + ANSWER_TIMEOUT_SECONDS + " s.");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ShadowRejection rejection) {
                throw refusal(rejection);
            }
            throw new IllegalStateException("shadow request failed", e.getCause());
        }
    }

    private static AwsException serviceUnavailable(String message) {
        return new AwsException("ServiceUnavailableException", 503, message);
    }

    /** A shadow refusal as iot-data answers it: the rejected document's code and message, AWS's error type. */
    static AwsException refusal(ShadowRejection rejection) {
        String type = switch (rejection.code()) {
            case 400 -> "InvalidRequestException";
            case 401 -> "UnauthorizedException";
            case 403 -> "ForbiddenException";
            case 404 -> "ResourceNotFoundException";
            case 409 -> "ConflictException";
            case 413 -> "RequestEntityTooLargeException";
            case 415 -> "UnsupportedDocumentEncodingException";
            case 429 -> "ThrottlingException";
            default -> "InternalFailureException";
        };
        return new AwsException(type, rejection.code(), rejection.getMessage());
    }
}
