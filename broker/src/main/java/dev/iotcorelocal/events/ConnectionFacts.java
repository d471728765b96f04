package dev.iotcorelocal.events;

import java.util.Objects;
import java.util.UUID;

/**
 * What every lifecycle event of one connection says about it.
 *
 * @param thingName the thing the connection is exclusively associated with, or null (the field is then absent)
 * @param principalIdentifier the certificate ID (64 lowercase hex) or, on the plain listener, "anonymous"
 * @param sessionIdentifier random per connection; the same in its connected and disconnected events
 */
public record ConnectionFacts(String clientId, String thingName, String principalIdentifier, UUID sessionIdentifier) {
    public ConnectionFacts {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(principalIdentifier, "principalIdentifier");
        Objects.requireNonNull(sessionIdentifier, "sessionIdentifier");
    }
}
