package dev.iotcorelocal.registry;

import java.util.Map;
import java.util.Set;

/** A thing as the registry holds it; immutable. {@code typeName} is null for an untyped thing. */
public record Thing(String name, String id, String arn, String typeName, Map<String, String> attributes, long version,
                    Set<String> groups) {
    public Thing {
        attributes = Map.copyOf(attributes);
        groups = Set.copyOf(groups);
    }

    Thing withGroups(Set<String> newGroups) {
        return new Thing(name, id, arn, typeName, attributes, version, newGroups);
    }
}
