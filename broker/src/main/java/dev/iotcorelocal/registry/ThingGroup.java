package dev.iotcorelocal.registry;

import java.time.Instant;
import java.util.Map;

/** A static thing group; immutable. {@code parentName} is null for a root group. */
public record ThingGroup(String name, String id, String arn, String parentName, String description,
                         Map<String, String> attributes, long version, Instant creationDate) {
    public ThingGroup {
        attributes = Map.copyOf(attributes);
    }
}
