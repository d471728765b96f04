package dev.iotcorelocal.registry;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Tags by resource ARN (TagResource, UntagResource, ListTagsForResource), with AWS's limits: keys
 * of 1-128 characters, values up to 256, at most 50 per resource, no {@code aws:} prefix. Taggable
 * here: policies, CA certificates, thing groups, thing types and things that exist.
 */
public final class TagService {
    static final int MAX_TAGS = 50;
    private static final Pattern KEY = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]{1,128}");

    private final RegistryStore store;
    private final Arns arns;
    private final ThingDirectory things;

    public TagService(RegistryStore store, Arns arns, ThingDirectory things) {
        this.store = store;
        this.arns = arns;
        this.things = things;
    }

    public void tag(String resourceArn, Map<String, String> tags) {
        validate(tags);
        store.write(draft -> {
            requireExists(draft.view(), resourceArn);
            put(draft, resourceArn, tags);
            return null;
        });
    }

    public void untag(String resourceArn, List<String> keys) {
        if (keys == null) {
            throw RegistryRefusal.invalid("tagKeys is required");
        }
        store.write(draft -> {
            requireExists(draft.view(), resourceArn);
            Map<String, String> current = new LinkedHashMap<>(draft.view().tags().getOrDefault(resourceArn, Map.of()));
            keys.forEach(current::remove);
            if (current.isEmpty()) {
                draft.tags().remove(resourceArn);
            } else {
                draft.tags().put(resourceArn, java.util.Collections.unmodifiableMap(current));
            }
            return null;
        });
    }

    /** The resource's tags in the order they were first set. */
    public Map<String, String> list(String resourceArn) {
        RegistryState state = store.current();
        requireExists(state, resourceArn);
        return state.tags().getOrDefault(resourceArn, Map.of());
    }

    /** Adds or replaces tags inside a change another service is making (tags given at creation). */
    void put(Draft draft, String resourceArn, Map<String, String> tags) {
        Map<String, String> merged = new LinkedHashMap<>(draft.view().tags().getOrDefault(resourceArn, Map.of()));
        merged.putAll(tags);
        if (merged.size() > MAX_TAGS) {
            throw new RegistryRefusal(RegistryError.LIMIT_EXCEEDED,
                    "a resource can have at most " + MAX_TAGS + " tags; " + resourceArn + " would have " + merged.size());
        }
        draft.tags().put(resourceArn, java.util.Collections.unmodifiableMap(merged));
    }

    static void validate(Map<String, String> tags) {
        if (tags == null) {
            throw RegistryRefusal.invalid("tags is required");
        }
        tags.forEach((key, value) -> {
            if (key == null || !KEY.matcher(key).matches()) {
                throw RegistryRefusal.invalid("tag key must be 1-128 letters, digits, spaces or _.:/=+-@, was: "
                        + key);
            }
            if (key.startsWith("aws:")) {
                throw RegistryRefusal.invalid("tag keys starting with 'aws:' are reserved for AWS: " + key);
            }
            if (value != null && value.length() > 256) {
                throw RegistryRefusal.invalid("the value of tag " + key + " is longer than 256 characters");
            }
        });
        if (tags.size() > MAX_TAGS) {
            throw new RegistryRefusal(RegistryError.LIMIT_EXCEEDED, "at most " + MAX_TAGS + " tags per resource");
        }
    }

    private void requireExists(RegistryState state, String resourceArn) {
        if (resourceArn == null || resourceArn.isEmpty()) {
            throw RegistryRefusal.invalid("resourceArn is required");
        }
        Arns.Resource resource = arns.parse(resourceArn).orElseThrow(() -> RegistryRefusal.invalid(
                "resourceArn is not an AWS IoT ARN of account " + arns.accountId() + " in " + arns.region()
                        + ": " + resourceArn));
        boolean exists = switch (resource.type()) {
            case "policy" -> state.policies().containsKey(resource.name());
            case "cacert" -> state.caCertificates().containsKey(resource.name());
            case "thinggroup" -> things.thingGroupExists(resource.name());
            case "thingtype" -> things.thingTypeExists(resource.name());
            case "thing" -> things.thingExists(resource.name());
            default -> throw RegistryRefusal.invalid("iotcore-local does not tag resources of type "
                    + resource.type() + " (" + resourceArn + ")");
        };
        if (!exists) {
            throw RegistryRefusal.notFound("Resource " + resourceArn + " does not exist");
        }
    }
}
