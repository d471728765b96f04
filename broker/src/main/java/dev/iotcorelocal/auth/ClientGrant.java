package dev.iotcorelocal.auth;

/**
 * What one connection may do, decided per request against the policies in force at that moment.
 * Thread-safe and CPU only: deliveries are checked on whichever thread sends them.
 */
public interface ClientGrant {

    /** iot:Publish on the topic, and iot:RetainPublish as well when {@code retain}. */
    boolean canPublish(String topic, boolean retain);

    /** iot:Subscribe on the filter exactly as sent ({@code $share/group/filter} for a shared one). */
    boolean canSubscribe(String topicFilter);

    /**
     * iot:Receive on the topic. For a delivery through a shared subscription ({@code shareGroup}
     * not null) {@code topic/$share/<group>/<topic>} is allowed too, and an explicit Deny on
     * either refuses it.
     */
    boolean canReceive(String topic, String shareGroup);

    /** The thing associated with the connection, or null (lifecycle events, thing variables). */
    String thingName();

    /**
     * The thing when the certificate is attached to it as EXCLUSIVE_THING, else null: AWS names
     * the thing in lifecycle events only then.
     */
    default String exclusiveThingName() {
        return null;
    }

    /** The principal: the certificate id, or "" on the plain listener. */
    String principalId();

    /** The connection has closed: stop watching its certificate. */
    void release();
}
