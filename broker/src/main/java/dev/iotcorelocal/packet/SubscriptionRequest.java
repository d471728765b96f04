package dev.iotcorelocal.packet;

import java.util.Objects;

/** One topic filter of a SUBSCRIBE with its subscription options. */
public record SubscriptionRequest(String filter, int qos, boolean noLocal, boolean retainAsPublished,
                                  int retainHandling) {
    public SubscriptionRequest {
        Objects.requireNonNull(filter, "filter");
    }
}
