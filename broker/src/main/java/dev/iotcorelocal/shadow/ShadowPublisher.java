package dev.iotcorelocal.shadow;

/** Where the service's answers and notifications go: to every subscriber of the topic, as any message. */
@FunctionalInterface
public interface ShadowPublisher {
    void publish(String topic, byte[] payload);
}
