package dev.iotcorelocal.registry;

import java.time.Instant;
import java.util.List;

/** A thing type; immutable. {@code deprecationDate} is null unless deprecated. */
public record ThingType(String name, String id, String arn, String description, List<String> searchableAttributes,
                        boolean deprecated, Instant deprecationDate, Instant creationDate) {
    public ThingType {
        searchableAttributes = List.copyOf(searchableAttributes);
    }
}
