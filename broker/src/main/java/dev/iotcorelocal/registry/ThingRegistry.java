package dev.iotcorelocal.registry;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Things, thing types and static thing groups. The state is one immutable snapshot swapped
 * atomically: readers (MQTT event loops resolving a connection's thing, list calls) never lock,
 * and each change is a pure function of the previous snapshot, retried if another won the race.
 */
public final class ThingRegistry {
    private static final int UNTYPED_ATTRIBUTES = 3;
    private static final int TYPED_ATTRIBUTES = 50;
    private final AtomicReference<State> state = new AtomicReference<>(State.EMPTY);
    private final List<Runnable> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final AwsAccount account;
    private final Clock clock;

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
        this.clock = clock;
    }

    public State snapshot() {
        return state.get();
    }

    /** Runs the listener after every change that published a new snapshot, on the thread that made it. */
    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    private <T> T update(java.util.function.Function<State, Result<T>> change) {
        while (true) {
            State before = state.get();
            Result<T> result = change.apply(before);
            if (result.state == before) {
                return result.value;
            }
            if (state.compareAndSet(before, result.state)) {
                listeners.forEach(Runnable::run);
                return result.value;
            }
        }
    }

    private record Result<T>(State state, T value) {
    }

    private static State with(State s, UnaryOperator<TreeMap<String, Thing>> things,
                              UnaryOperator<TreeMap<String, ThingType>> types,
                              UnaryOperator<TreeMap<String, ThingGroup>> groups) {
        return new State(things.apply(new TreeMap<>(s.things())), types.apply(new TreeMap<>(s.types())),
                groups.apply(new TreeMap<>(s.groups())));
    }

    private static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current(); // ids need uniqueness, not secrecy
        return new UUID(random.nextLong() & ~0xF000L | 0x4000L, random.nextLong() & ~(3L << 62) | (2L << 62)).toString();
    }

    // ---- things

    /** Creates a thing; creating it again with the same type and attributes returns it (AWS is idempotent here). */
    public Thing createThing(String name, String typeName, Map<String, String> attributes) {
        return update(s -> {
            Thing existing = s.things().get(name);
            if (existing != null) {
                if (Objects.equals(existing.typeName(), typeName) && existing.attributes().equals(attributes)) {
                    return new Result<>(s, existing);
                }
                throw new RegistryRefusal(RegistryError.RESOURCE_ALREADY_EXISTS, "Thing " + name
                        + " already exists in account with different attributes");
            }
            usableType(s, typeName);
            checkAttributeCount(attributes, typeName);
            Thing thing = new Thing(name, newId(), account.arn("thing", name), typeName, attributes, 1, Set.of());
            return new Result<>(with(s, m -> put(m, name, thing), m -> m, m -> m), thing);
        });
    }

    public Thing thing(String name) {
        Thing thing = state.get().things().get(name);
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
        update(s -> {
            Thing thing = s.things().get(name);
            if (thing == null) {
                throw RegistryRefusal.notFound("Thing " + name + " cannot be found.");
            }
            checkVersion(thing.version(), expectedVersion, "thing " + name);
            String newType = removeType ? null : typeName != null ? typeName : thing.typeName();
            if (typeName != null) {
                usableType(s, typeName);
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
            return new Result<>(with(s, m -> put(m, name, updated), m -> m, m -> m), null);
        });
    }

    /**
     * Deletes a thing and its group memberships; deleting one that does not exist succeeds, as on
     * AWS. Like AWS, refuses while principals are attached (InvalidRequestException "Cannot delete.
     * Thing ... is still attached to one or more principals"): detach them first.
     * @param hasPrincipals whether principals are attached to a thing (the security registry knows)
     */
    public void deleteThing(String name, Long expectedVersion, Predicate<String> hasPrincipals) {
        update(s -> {
            Thing thing = s.things().get(name);
            if (thing == null) {
                return new Result<>(s, null);
            }
            checkVersion(thing.version(), expectedVersion, "thing " + name);
            if (hasPrincipals.test(name)) {
                throw RegistryRefusal.invalid("Cannot delete. Thing " + name
                        + " is still attached to one or more principals");
            }
            return new Result<>(with(s, m -> remove(m, name), m -> m, m -> m), null);
        });
    }

    private static void checkVersion(long actual, Long expected, String what) {
        if (expected != null && expected != actual) {
            throw new RegistryRefusal(RegistryError.VERSION_CONFLICT, "The version of " + what + " is "
                    + actual + ", not the expected " + expected + ".");
        }
    }

    private static void usableType(State s, String typeName) {
        if (typeName == null) {
            return;
        }
        ThingType type = s.types().get(typeName);
        if (type == null) {
            throw RegistryRefusal.notFound("Thing type " + typeName + " cannot be found.");
        }
        if (type.deprecated()) {
            throw RegistryRefusal.invalid("Can not create or update a thing with the deprecated thing type "
                    + typeName + ".");
        }
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
        return update(s -> {
            ThingType existing = s.types().get(name);
            if (existing != null) {
                throw new RegistryRefusal(RegistryError.RESOURCE_ALREADY_EXISTS, "Thing type " + name
                        + " already exists.");
            }
            ThingType type = new ThingType(name, newId(), account.arn("thingtype", name), description,
                    searchableAttributes, false, null, Instant.now(clock));
            return new Result<>(with(s, m -> m, m -> put(m, name, type), m -> m), type);
        });
    }

    public ThingType type(String name) {
        ThingType type = state.get().types().get(name);
        if (type == null) {
            throw RegistryRefusal.notFound("Thing type " + name + " cannot be found.");
        }
        return type;
    }

    public void deprecateType(String name, boolean undo) {
        update(s -> {
            ThingType t = s.types().get(name);
            if (t == null) {
                throw RegistryRefusal.notFound("Thing type " + name + " cannot be found.");
            }
            ThingType changed = new ThingType(t.name(), t.id(), t.arn(), t.description(), t.searchableAttributes(),
                    !undo, undo ? null : Instant.now(clock), t.creationDate());
            return new Result<>(with(s, m -> m, m -> put(m, name, changed), m -> m), null);
        });
    }

    /** AWS deletes only a deprecated type; this emulator also refuses while things still use it. */
    public void deleteType(String name) {
        update(s -> {
            ThingType t = s.types().get(name);
            if (t == null) {
                throw RegistryRefusal.notFound("Thing type " + name + " cannot be found.");
            }
            if (!t.deprecated()) {
                throw RegistryRefusal.invalid("Thing type " + name + " must be deprecated before it is deleted.");
            }
            if (s.things().values().stream().anyMatch(thing -> name.equals(thing.typeName()))) {
                throw RegistryRefusal.invalid("Thing type " + name + " is still used by things.");
            }
            return new Result<>(with(s, m -> m, m -> remove(m, name), m -> m), null);
        });
    }

    // ---- thing groups

    public ThingGroup createGroup(String name, String parentName, String description, Map<String, String> attributes) {
        return update(s -> {
            ThingGroup existing = s.groups().get(name);
            if (existing != null) {
                if (Objects.equals(existing.parentName(), parentName) && Objects.equals(existing.description(),
                        description) && existing.attributes().equals(attributes)) {
                    return new Result<>(s, existing);
                }
                throw new RegistryRefusal(RegistryError.RESOURCE_ALREADY_EXISTS, "Thing group " + name
                        + " already exists with different properties.");
            }
            if (parentName != null && !s.groups().containsKey(parentName)) {
                throw RegistryRefusal.notFound("Thing group " + parentName + " cannot be found.");
            }
            ThingGroup group = new ThingGroup(name, newId(), account.arn("thinggroup", name), parentName, description,
                    attributes, 1, Instant.now(clock));
            return new Result<>(with(s, m -> m, m -> m, m -> put(m, name, group)), group);
        });
    }

    public ThingGroup group(String name) {
        ThingGroup group = state.get().groups().get(name);
        if (group == null) {
            throw RegistryRefusal.notFound("Thing group " + name + " cannot be found.");
        }
        return group;
    }

    /** The group's ancestors, root first. */
    public List<ThingGroup> ancestors(State s, ThingGroup group) {
        List<ThingGroup> chain = new ArrayList<>();
        for (String parent = group.parentName(); parent != null; parent = s.groups().get(parent).parentName()) {
            chain.add(0, s.groups().get(parent));
        }
        return chain;
    }

    /** Deleting a group that does not exist succeeds, as on AWS; one with child groups is refused. */
    public void deleteGroup(String name, Long expectedVersion) {
        update(s -> {
            ThingGroup group = s.groups().get(name);
            if (group == null) {
                return new Result<>(s, null);
            }
            checkVersion(group.version(), expectedVersion, "thing group " + name);
            if (s.groups().values().stream().anyMatch(g -> name.equals(g.parentName()))) {
                throw RegistryRefusal.invalid("Cannot delete thing group " + name + " while it has child groups.");
            }
            return new Result<>(with(s, things -> {
                things.replaceAll((thingName, thing) -> thing.groups().contains(name)
                        ? thing.withGroups(without(thing.groups(), name)) : thing);
                return things;
            }, m -> m, m -> remove(m, name)), null);
        });
    }

    public void addThingToGroup(String groupName, String thingName) {
        changeMembership(groupName, thingName, true);
    }

    public void removeThingFromGroup(String groupName, String thingName) {
        changeMembership(groupName, thingName, false);
    }

    private void changeMembership(String groupName, String thingName, boolean add) {
        update(s -> {
            if (!s.groups().containsKey(groupName)) {
                throw RegistryRefusal.notFound("Thing group " + groupName + " cannot be found.");
            }
            Thing thing = s.things().get(thingName);
            if (thing == null) {
                throw RegistryRefusal.notFound("Thing " + thingName + " cannot be found.");
            }
            Set<String> groups = new HashSet<>(thing.groups());
            if (!(add ? groups.add(groupName) : groups.remove(groupName))) {
                return new Result<>(s, null); // already so: AWS answers success
            }
            Thing changed = thing.withGroups(groups);
            return new Result<>(with(s, m -> put(m, thingName, changed), m -> m, m -> m), null);
        });
    }

    /** Names of the things in the group (and, recursively, in its descendants), ordered. */
    public List<String> thingsInGroup(State s, String groupName, boolean recursive) {
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

    public Collection<String> descendants(State s, String groupName) {
        List<String> found = new ArrayList<>();
        for (ThingGroup g : s.groups().values()) {
            if (groupName.equals(g.parentName())) {
                found.add(g.name());
                found.addAll(descendants(s, g.name()));
            }
        }
        return found;
    }

    private static <V> TreeMap<String, V> put(TreeMap<String, V> map, String key, V value) {
        map.put(key, value);
        return map;
    }

    private static <V> TreeMap<String, V> remove(TreeMap<String, V> map, String key) {
        map.remove(key);
        return map;
    }

    private static Set<String> without(Set<String> set, String element) {
        Set<String> copy = new HashSet<>(set);
        copy.remove(element);
        return copy;
    }
}
