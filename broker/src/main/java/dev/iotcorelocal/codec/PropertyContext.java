package dev.iotcorelocal.codec;

import static dev.iotcorelocal.codec.PropertyId.*;

/** Which properties each packet may carry (spec table 2-4); anything else is a Protocol Error. */
enum PropertyContext {
    CONNECT(SESSION_EXPIRY_INTERVAL, AUTHENTICATION_METHOD, AUTHENTICATION_DATA, REQUEST_PROBLEM_INFORMATION,
            REQUEST_RESPONSE_INFORMATION, RECEIVE_MAXIMUM, TOPIC_ALIAS_MAXIMUM, USER_PROPERTY, MAXIMUM_PACKET_SIZE),
    WILL(PAYLOAD_FORMAT_INDICATOR, MESSAGE_EXPIRY_INTERVAL, CONTENT_TYPE, RESPONSE_TOPIC, CORRELATION_DATA,
            WILL_DELAY_INTERVAL, USER_PROPERTY),
    PUBLISH(PAYLOAD_FORMAT_INDICATOR, MESSAGE_EXPIRY_INTERVAL, CONTENT_TYPE, RESPONSE_TOPIC, CORRELATION_DATA,
            SUBSCRIPTION_IDENTIFIER, TOPIC_ALIAS, USER_PROPERTY),
    PUB_REPLY(REASON_STRING, USER_PROPERTY),
    SUBSCRIBE(SUBSCRIPTION_IDENTIFIER, USER_PROPERTY),
    UNSUBSCRIBE(USER_PROPERTY),
    DISCONNECT(SESSION_EXPIRY_INTERVAL, SERVER_REFERENCE, REASON_STRING, USER_PROPERTY),
    AUTH(AUTHENTICATION_METHOD, AUTHENTICATION_DATA, REASON_STRING, USER_PROPERTY);

    private final long allowed;

    PropertyContext(int... ids) {
        long mask = 0;
        for (int id : ids) {
            mask |= 1L << id;
        }
        this.allowed = mask;
    }

    boolean allows(int id) {
        return id < 64 && (allowed & (1L << id)) != 0;
    }

    /** User Property may repeat anywhere; Subscription Identifier may repeat only in PUBLISH. */
    boolean mayRepeat(int id) {
        return id == USER_PROPERTY || (id == SUBSCRIPTION_IDENTIFIER && this == PUBLISH);
    }
}
