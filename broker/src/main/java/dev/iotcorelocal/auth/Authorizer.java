package dev.iotcorelocal.auth;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Decides what a client may do: once per CONNECT, which yields the connection's grant for every
 * later request. Implementations are CPU-only and never block: they run on event loops.
 */
public interface Authorizer {
    /** The resource of actions AWS authorizes on {@code *} only (ListNamedShadowsForThing, ListRetainedMessages). */
    String ANY_RESOURCE = "*";

    ConnectDecision connect(ConnectAttempt attempt);

    /**
     * An iot-data call over HTTP: null when every action is allowed on the resource, else why not.
     * {@code certificate} is the TLS client certificate, or null for a SigV4 request (IAM is not
     * emulated: allowed). {@code resource} follows the account's ARN prefix ({@code topic/a/b},
     * {@code thing/lamp}), or is {@link #ANY_RESOURCE}.
     */
    String refuseHttp(X509Certificate certificate, String resource, List<String> actions);

    /** iot-data Publish: {@code iot:Publish}, and {@code iot:RetainPublish} when retained, on the topic. */
    default String refuseHttpPublish(X509Certificate certificate, String topic, boolean retain) {
        if (certificate == null) {
            return null; // SigV4: decided before the resource is even built, the HTTP Publish hot path allocates nothing
        }
        return refuseHttp(certificate, "topic/" + topic, retain ? List.of(PolicyGrant.PUBLISH, PolicyGrant.RETAIN_PUBLISH)
                : List.of(PolicyGrant.PUBLISH));
    }
}
