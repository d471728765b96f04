package dev.iotcorelocal.registry;

import dev.iotcorelocal.registry.ThingSnapshots.Change;

import java.time.Clock;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Predicate;

import static dev.iotcorelocal.registry.ThingSnapshots.checkVersion;
import static dev.iotcorelocal.registry.ThingSnapshots.newId;
import static dev.iotcorelocal.registry.ThingSnapshots.put;
import static dev.iotcorelocal.registry.ThingSnapshots.remove;
import static dev.iotcorelocal.registry.ThingSnapshots.with;

/**
 * Things, thing types and static thing groups. The state is one immutable snapshot swapped
 * atomically ({@link ThingSnapshots}): readers (MQTT event loops resolving a connection's thing,
 * list calls) never lock, and each change is a pure function of the previous snapshot. Things are
 * kept here; types ({@link ThingTypes}) and groups ({@link ThingGroups}) have their own rules.
 */
public final class ThingRegistry {
    private static final int UNTYPED_ATTRIBUTES = 3;
    private static final int TYPED_ATTRIBUTES = 50;
    private final ThingSnapshots snapshots = new ThingSnapshots();
    private final AwsAccount account;
    private final ThingTypes types;
    private final ThingGroups groups;

    /** The whole registry at one instant; maps ordered by name, which is the listing order. */
    public record State(SortedMap<String, Thing> things, SortedMap<String, ThingType> types,
                        SortedMap<String, ThingGroup> groups) {
        static final State EMPTY = new State(new TreeMap<>(), new TreeMap<>(), new TreeMap<>());

        public State {
            things = Collections.unmodifiableSortedMap(things);
            types = Collections.unmodifiableSortedMap(types);
            groups = Collections.unmodifiableSortedMap(groups);
        }
    }

    public ThingRegistry(AwsAccount account, Clock clock) {
        this.account = account;
        this.types = new ThingTypes(snapshots, account, clock);
        this.groups = new ThingGroups(snapshots, account, clock);
    }

    public State snapshot() {
        return snapshots.get();
    }

    /** Runs the listener after every change that published a new snapshot, on the thread that made it. */
    public void onChange(Runnable listener) {
        snapshots.onChange(listener);
    }

    // ---- things

    /** Creates a thing; creating it again with the same type and attributes returns it (AWS is idempotent here). */
    public Thing createThing(String name, String typeName, Map<String, String> attributes) {
        return snapshots.update(s -> {
            Thing existing = s.things().get(name);
            if (existing != null) {
                if (Objects.equals(existing.typeName(), typeName) && existing.attributes().equals(attributes)) {
                    return new Change<>(s, existing);
                }
                throw new RegistryRefusal(RegistryError.RESOURCE_ALREADY_EXISTS, "Thing " + name
                        + " already exists in account with different attributes");
            }
            ThingTypes.usable(s, typeName);
            checkAttributeCount(attributes, typeName);
            Thing thing = new Thing(name, newId(), account.arn("thing", name), typeName, attributes, 1, Set.of());
            return new Change<>(with(s, m -> put(m, name, thing), m -> m, m -> m), thing);
        });
    }

    public Thing thing(String name) {
        Thing thing = snapshots.get().things().get(name);
        if (thing == null) {
            throw RegistryRefusal.notFound("Thing " + name + " cannot be found.");
        }
        return thing;
    }

    /**
     * @param attributes null to leave them; with {@code merge} an empty value removes that attribute
     * @param expectedVersion null to skip the check
     */
    public void updateThing(String name, String typeName, boolean removeType, Map<String, String> attributes,
                            boolean merge, Long expectedVersion) {
        if (removeType && typeName != null) {
            throw RegistryRefusal.invalid("Cannot set a thing type and remove it in one request.");
        }
        snapshots.update(s -> {
            Thing thing = s.things().get(name);
            if (thing == null) {
                throw RegistryRefusal.notFound("Thing " + name + " cannot be found.");
            }
            checkVersion(thing.version(), expectedVersion, "thing " + name);
            String newType = removeType ? null : typeName != null ? typeName : thing.typeName();
            if (typeName != null) {
                ThingTypes.usable(s, typeName);
            }
            Map<String, String> newAttributes = new LinkedHashMap<>(thing.attributes());
            if (attributes != null) {
                if (!merge) {
                    newAttributes.clear();
                }
                attributes.forEach((key, value) -> {
                    if (merge && value.isEmpty()) {
                        newAttributes.remove(key);
                    } else {
                        newAttributes.put(key, value);
                    }
                });
            }
            checkAttributeCount(newAttributes, newType);
            Thing updated = new Thing(name, thing.id(), thing.arn(), newType, newAttributes, thing.version() + 1,
                    thing.groups());
            return new Change<>(with(s, m -> put(m, name, updated), m -> m, m -> m), null);
        });
    }

    /**
     * Deletes a thing and its group memberships; deleting one that does not exist succeeds, as on
     * AWS. Like AWS, refuses while principals are attached (InvalidRequestException "Cannot delete.
     * Thing ... is still attached to one or more principals"): detach them first.
     * @param hasPrincipals whether principals are attached to a thing (the security registry knows)
     */
    public void deleteThing(String name, Long expectedVersion, Predicate<String> hasPrincipals) {
        snapshots.update(s -> {
            Thing thing = s.things().get(name);
            if (thing == null) {
                return new Change<>(s, null);
            }
            checkVersion(thing.version(), expectedVersion, "thing " + name);
            if (hasPrincipals.test(name)) {
                throw RegistryRefusal.invalid("Cannot delete. Thing " + name
                        + " is still attached to one or more principals");
            }
            return new Change<>(with(s, m -> remove(m, name), m -> m, m -> m), null);
        });
    }

    private static void checkAttributeCount(Map<String, String> attributes, String typeName) {
        int max = typeName == null ? UNTYPED_ATTRIBUTES : TYPED_ATTRIBUTES;
        if (attributes.size() > max) {
            throw RegistryRefusal.invalid("A thing " + (typeName == null ? "without" : "with") + " a thing type can "
                    + "have at most " + max + " attributes, not " + attributes.size() + ".");
        }
    }

    // ---- thing types

    public ThingType createType(String name, String description, List<String> searchableAttributes) {
        return types.createType(name, description, searchableAttributes);
    }

    public ThingType type(String name) {
        return types.type(name);
    }

    public void deprecateType(String name, boolean undo) {
        types.deprecateType(name, undo);
    }

    /** AWS deletes only a deprecated type; this emulator also refuses while things still use it. */
    public void deleteType(String name) {
        types.deleteType(name);
    }

    // ---- thing groups

    public ThingGroup createGroup(String name, String parentName, String description, Map<String, String> attributes) {
        return groups.createGroup(name, parentName, description, attributes);
    }

    public ThingGroup group(String name) {
        return groups.group(name);
    }

    /** The group's ancestors, root first. */
    public List<ThingGroup> ancestors(State s, ThingGroup group) {
        return groups.ancestors(s, group);
    }

    /** Deleting a group that does not exist succeeds, as on AWS; one with child groups is refused. */
    public void deleteGroup(String name, Long expectedVersion) {
        groups.deleteGroup(name, expectedVersion);
    }

    public void addThingToGroup(String groupName, String thingName) {
        groups.addThingToGroup(groupName, thingName);
    }

    public void removeThingFromGroup(String groupName, String thingName) {
        groups.removeThingFromGroup(groupName, thingName);
    }

    /** Names of the things in the group (and, recursively, in its descendants), ordered. */
    public List<String> thingsInGroup(State s, String groupName, boolean recursive) {
        return groups.thingsInGroup(s, groupName, recursive);
    }

    public Collection<String> descendants(State s, String groupName) {
        return groups.descendants(s, groupName);
    }
}
