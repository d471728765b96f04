package dev.iotcorelocal.registry;

import dev.iotcorelocal.registry.ThingRegistry.State;
import dev.iotcorelocal.registry.ThingSnapshots.Change;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static dev.iotcorelocal.registry.ThingSnapshots.checkVersion;
import static dev.iotcorelocal.registry.ThingSnapshots.newId;
import static dev.iotcorelocal.registry.ThingSnapshots.put;
import static dev.iotcorelocal.registry.ThingSnapshots.remove;
import static dev.iotcorelocal.registry.ThingSnapshots.with;
import static dev.iotcorelocal.registry.ThingSnapshots.without;

/** Static thing groups: the hierarchy, deletion, and which things are members. */
final class ThingGroups {
    private final ThingSnapshots snapshots;
    private final AwsAccount account;
    private final Clock clock;

    ThingGroups(ThingSnapshots snapshots, AwsAccount account, Clock clock) {
        this.snapshots = snapshots;
        this.account = account;
        this.clock = clock;
    }

    ThingGroup createGroup(String name, String parentName, String description, Map<String, String> attributes) {
        return snapshots.update(s -> {
            ThingGroup existing = s.groups().get(name);
            if (existing != null) {
                if (Objects.equals(existing.parentName(), parentName) && Objects.equals(existing.description(),
                        description) && existing.attributes().equals(attributes)) {
                    return new Change<>(s, existing);
                }
                throw new RegistryRefusal(RegistryError.RESOURCE_ALREADY_EXISTS, "Thing group " + name
                        + " already exists with different properties.");
            }
            if (parentName != null && !s.groups().containsKey(parentName)) {
                throw RegistryRefusal.notFound("Thing group " + parentName + " cannot be found.");
            }
            ThingGroup group = new ThingGroup(name, newId(), account.arn("thinggroup", name), parentName, description,
                    attributes, 1, Instant.now(clock));
            return new Change<>(with(s, m -> m, m -> m, m -> put(m, name, group)), group);
        });
    }

    ThingGroup group(String name) {
        ThingGroup group = snapshots.get().groups().get(name);
        if (group == null) {
            throw RegistryRefusal.notFound("Thing group " + name + " cannot be found.");
        }
        return group;
    }

    /** The group's ancestors, root first. */
    List<ThingGroup> ancestors(State s, ThingGroup group) {
        List<ThingGroup> chain = new ArrayList<>();
        for (String parent = group.parentName(); parent != null; parent = s.groups().get(parent).parentName()) {
            chain.add(0, s.groups().get(parent));
        }
        return chain;
    }

    /** Deleting a group that does not exist succeeds, as on AWS; one with child groups is refused. */
    void deleteGroup(String name, Long expectedVersion) {
        snapshots.update(s -> {
            ThingGroup group = s.groups().get(name);
            if (group == null) {
                return new Change<>(s, null);
            }
            checkVersion(group.version(), expectedVersion, "thing group " + name);
            if (s.groups().values().stream().anyMatch(g -> name.equals(g.parentName()))) {
                throw RegistryRefusal.invalid("Cannot delete thing group " + name + " while it has child groups.");
            }
            return new Change<>(with(s, things -> {
                things.replaceAll((thingName, thing) -> thing.groups().contains(name)
                        ? thing.withGroups(without(thing.groups(), name)) : thing);
                return things;
            }, m -> m, m -> remove(m, name)), null);
        });
    }

    void addThingToGroup(String groupName, String thingName) {
        changeMembership(groupName, thingName, true);
    }

    void removeThingFromGroup(String groupName, String thingName) {
        changeMembership(groupName, thingName, false);
    }

    private void changeMembership(String groupName, String thingName, boolean add) {
        snapshots.update(s -> {
            if (!s.groups().containsKey(groupName)) {
                throw RegistryRefusal.notFound("Thing group " + groupName + " cannot be found.");
            }
            Thing thing = s.things().get(thingName);
            if (thing == null) {
                throw RegistryRefusal.notFound("Thing " + thingName + " cannot be found.");
            }
            Set<String> groups = new HashSet<>(thing.groups());
            if (!(add ? groups.add(groupName) : groups.remove(groupName))) {
                return new Change<>(s, null); // already so: AWS answers success
            }
            Thing changed = thing.withGroups(groups);
            return new Change<>(with(s, m -> put(m, thingName, changed), m -> m, m -> m), null);
        });
    }

    /** Names of the things in the group (and, recursively, in its descendants), ordered. */
    List<String> thingsInGroup(State s, String groupName, boolean recursive) {
        if (!s.groups().containsKey(groupName)) {
            throw RegistryRefusal.notFound("Thing group " + groupName + " cannot be found.");
        }
        Set<String> groups = new HashSet<>(Set.of(groupName));
        if (recursive) {
            groups.addAll(descendants(s, groupName));
        }
        List<String> names = new ArrayList<>();
        for (Thing thing : s.things().values()) {
            if (thing.groups().stream().anyMatch(groups::contains)) {
                names.add(thing.name());
            }
        }
        return names;
    }

    Collection<String> descendants(State s, String groupName) {
        List<String> found = new ArrayList<>();
        for (ThingGroup g : s.groups().values()) {
            if (groupName.equals(g.parentName())) {
                found.add(g.name());
                found.addAll(descendants(s, g.name()));
            }
        }
        return found;
    }
}
