package dev.iotcorelocal.auth;

/**
 * Decides what a client may do. Implementations are CPU-only and never block: they run on event
 * loops. AWS IoT policies arrive as one implementation of this interface.
 */
public interface Authorizer {

    boolean canConnect(ClientIdentity identity, String clientId);

    boolean canPublish(ClientIdentity identity, String clientId, String topic, boolean retain);

    boolean canSubscribe(ClientIdentity identity, String clientId, String topicFilter);

    boolean canReceive(String clientId, String topic);
}
