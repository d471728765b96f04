package dev.iotcorelocal.auth;

/** Everything is allowed: the default, matching a development policy of {@code iot:*} on {@code *}. */
public final class AllowAllAuthorizer implements Authorizer {
    @Override
    public boolean canConnect(ClientIdentity identity, String clientId) {
        return true;
    }

    @Override
    public boolean canPublish(ClientIdentity identity, String clientId, String topic, boolean retain) {
        return true;
    }

    @Override
    public boolean canSubscribe(ClientIdentity identity, String clientId, String topicFilter) {
        return true;
    }

    @Override
    public boolean canReceive(String clientId, String topic) {
        return true;
    }
}
