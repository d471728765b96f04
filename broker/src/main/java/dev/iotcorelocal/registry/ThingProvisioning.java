package dev.iotcorelocal.registry;

import java.util.Map;

/**
 * What the seed file needs from the things registry to create its things, types and groups.
 * Each call refuses with a {@link RegistryRefusal}-like runtime exception whose message says why.
 */
public interface ThingProvisioning {
    void createThingType(String name);

    /** @param parent null for a root group */
    void createThingGroup(String name, String parent);

    /** @param type null for a thing without a type */
    void createThing(String name, String type, Map<String, String> attributes);

    void addThingToGroup(String thingName, String groupName);
}
