package dev.iotcorelocal.registry;

import dev.iotcorelocal.registry.ThingRegistry.State;
import dev.iotcorelocal.registry.ThingSnapshots.Change;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import static dev.iotcorelocal.registry.ThingSnapshots.newId;
import static dev.iotcorelocal.registry.ThingSnapshots.put;
import static dev.iotcorelocal.registry.ThingSnapshots.remove;
import static dev.iotcorelocal.registry.ThingSnapshots.with;

/** Thing types: create, describe, deprecate, delete, and whether a thing may use one. */
final class ThingTypes {
    private final ThingSnapshots snapshots;
    private final AwsAccount account;
    private final Clock clock;

    ThingTypes(ThingSnapshots snapshots, AwsAccount account, Clock clock) {
        this.snapshots = snapshots;
        this.account = account;
        this.clock = clock;
    }

    ThingType createType(String name, String description, List<String> searchableAttributes) {
        return snapshots.update(s -> {
            ThingType existing = s.types().get(name);
            if (existing != null) {
                throw new RegistryRefusal(RegistryError.RESOURCE_ALREADY_EXISTS, "Thing type " + name
                        + " already exists.");
            }
            ThingType type = new ThingType(name, newId(), account.arn("thingtype", name), description,
                    searchableAttributes, false, null, Instant.now(clock));
            return new Change<>(with(s, m -> m, m -> put(m, name, type), m -> m), type);
        });
    }

    ThingType type(String name) {
        ThingType type = snapshots.get().types().get(name);
        if (type == null) {
            throw RegistryRefusal.notFound("Thing type " + name + " cannot be found.");
        }
        return type;
    }

    void deprecateType(String name, boolean undo) {
        snapshots.update(s -> {
            ThingType t = s.types().get(name);
            if (t == null) {
                throw RegistryRefusal.notFound("Thing type " + name + " cannot be found.");
            }
            ThingType changed = new ThingType(t.name(), t.id(), t.arn(), t.description(), t.searchableAttributes(),
                    !undo, undo ? null : Instant.now(clock), t.creationDate());
            return new Change<>(with(s, m -> m, m -> put(m, name, changed), m -> m), null);
        });
    }

    /** AWS deletes only a deprecated type; this emulator also refuses while things still use it. */
    void deleteType(String name) {
        snapshots.update(s -> {
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
            return new Change<>(with(s, m -> m, m -> remove(m, name), m -> m), null);
        });
    }

    /** A thing may be created with or changed to this type (null: no type). */
    static void usable(State s, String typeName) {
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
}
