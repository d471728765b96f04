package dev.iotcorelocal.auth;

import java.security.cert.X509Certificate;
import java.util.List;

/** Everything is allowed: embedded tests and the plain listener without policies, like {@code iot:*} on {@code *}. */
public final class AllowAllAuthorizer implements Authorizer {
    @Override
    public ConnectDecision connect(ConnectAttempt attempt) {
        return ConnectDecision.allowed(new AllowAllGrant(attempt.identity().certificateId()));
    }

    @Override
    public String refuseHttp(X509Certificate certificate, String resource, List<String> actions) {
        return null;
    }

    /** A grant that allows everything; the principal id is kept for lifecycle events. */
    public record AllowAllGrant(String principalId) implements ClientGrant {
        @Override
        public boolean canPublish(String topic, boolean retain) {
            return true;
        }

        @Override
        public boolean canSubscribe(String topicFilter) {
            return true;
        }

        @Override
        public boolean canReceive(String topic, String shareGroup) {
            return true;
        }

        @Override
        public String thingName() {
            return null;
        }

        @Override
        public void release() {
        }
    }
}
