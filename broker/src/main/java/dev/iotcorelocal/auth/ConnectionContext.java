package dev.iotcorelocal.auth;

import dev.iotcorelocal.policy.ContextKeys;
import dev.iotcorelocal.policy.RequestContext;
import dev.iotcorelocal.registry.Thing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A connection's policy variables and condition keys, fixed at CONNECT (and rebuilt when its
 * thing changes): client ID, source IP, domain, the associated thing's name, type and attributes,
 * the certificate's id and fields, the connect attributes and Will topic. Immutable.
 */
final class ConnectionContext implements RequestContext {
    private final Map<String, String> values;
    private final Map<String, List<String>> lists;

    private ConnectionContext(Map<String, String> values, Map<String, List<String>> lists) {
        this.values = Map.copyOf(values);
        this.lists = Map.copyOf(lists);
    }

    @Override
    public String value(String canonicalName) {
        return values.get(canonicalName);
    }

    @Override
    public List<String> values(String canonicalName) {
        return lists.get(canonicalName);
    }

    static Builder builder() {
        return new Builder();
    }

    /** Collects the values; null values are left out (the variable stays unresolved). */
    static final class Builder {
        private final Map<String, String> values = new HashMap<>();
        private final Map<String, List<String>> lists = new HashMap<>();

        Builder put(String name, String value) {
            if (value != null) {
                values.put(name, value);
            }
            return this;
        }

        Builder putAll(Map<String, String> more) {
            more.forEach(this::put);
            return this;
        }

        Builder putList(String name, List<String> value) {
            lists.put(name, List.copyOf(value));
            return this;
        }

        Builder putLists(Map<String, List<String>> more) {
            more.forEach(this::putList);
            return this;
        }

        /** The MQTT CONNECT's keys: iot:ConnectAttributes and iot:LastWillTopic (a topic ARN). */
        Builder connect(boolean persistent, String willTopicArn) {
            List<String> attributes = new ArrayList<>(2);
            if (persistent) {
                attributes.add("PersistentConnect");
            }
            if (willTopicArn != null) {
                attributes.add("LastWill");
            }
            putList(ContextKeys.CONNECT_ATTRIBUTES, attributes);
            return put(ContextKeys.LAST_WILL_TOPIC, willTopicArn);
        }

        /** The associated thing's variables, or IsAttached=false when there is none. */
        Builder thing(Thing thing) {
            put(ContextKeys.THING_IS_ATTACHED, thing == null ? "false" : "true");
            if (thing != null) {
                put(ContextKeys.THING_NAME, thing.name());
                put(ContextKeys.THING_TYPE_NAME, thing.typeName());
                thing.attributes().forEach((key, value) -> put(ContextKeys.THING_ATTRIBUTE + key + "]", value));
            }
            return this;
        }

        ConnectionContext build() {
            return new ConnectionContext(values, lists);
        }
    }
}
