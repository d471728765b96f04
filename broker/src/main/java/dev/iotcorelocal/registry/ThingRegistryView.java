package dev.iotcorelocal.registry;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The things registry as the security registry sees it: existence and group ancestry read from
 * one snapshot (lock-free), and creation for the seed file.
 */
public final class ThingRegistryView implements ThingDirectory, ThingProvisioning {
    private final ThingRegistry things;

    public ThingRegistryView(ThingRegistry things) {
        this.things = things;
    }

    @Override
    public boolean thingExists(String thingName) {
        return things.snapshot().things().containsKey(thingName);
    }

    @Override
    public boolean thingGroupExists(String groupName) {
        return things.snapshot().groups().containsKey(groupName);
    }

    @Override
    public boolean thingTypeExists(String typeName) {
        return things.snapshot().types().containsKey(typeName);
    }

    @Override
    public List<String> groupsWithAncestors(String thingName) {
        ThingRegistry.State state = things.snapshot();
        Thing thing = state.things().get(thingName);
        if (thing == null) {
            return List.of();
        }
        Set<String> groups = new LinkedHashSet<>();
        thing.groups().stream().sorted().forEach(group -> groups.addAll(ancestry(state, group)));
        return List.copyOf(groups);
    }

    @Override
    public List<String> groupAncestry(String groupName) {
        return ancestry(things.snapshot(), groupName);
    }

    private static List<String> ancestry(ThingRegistry.State state, String groupName) {
        List<String> chain = new ArrayList<>();
        for (ThingGroup group = state.groups().get(groupName); group != null && chain.size() <= state.groups().size();
             group = group.parentName() == null ? null : state.groups().get(group.parentName())) {
            chain.add(group.name());
        }
        return chain;
    }

    @Override
    public void createThingType(String name) {
        things.createType(name, null, List.of());
    }

    @Override
    public void createThingGroup(String name, String parent) {
        things.createGroup(name, parent, null, Map.of());
    }

    @Override
    public void createThing(String name, String type, Map<String, String> attributes) {
        things.createThing(name, type, attributes);
    }

    @Override
    public void addThingToGroup(String thingName, String groupName) {
        things.addThingToGroup(groupName, thingName);
    }
}
