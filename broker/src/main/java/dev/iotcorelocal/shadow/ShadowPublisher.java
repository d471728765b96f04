package dev.iotcorelocal.shadow;

/** Where the service's answers and notifications go: to every subscriber of the topic, as any message. */
public interface ShadowPublisher {
    void publish(String topic, byte[] payload);

    /** Whether a message on the topic would reach anyone: when not, the service does not write it. */
    boolean hasSubscriber(String topic);
}
