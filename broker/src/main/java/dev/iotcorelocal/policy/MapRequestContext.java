package dev.iotcorelocal.policy;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable {@link RequestContext} over two maps keyed by canonical name ({@link ContextKeys}):
 * single values and multi-valued keys. A name in neither map is unresolved.
 */
public final class MapRequestContext implements RequestContext {
    private static final MapRequestContext EMPTY = new MapRequestContext(Map.of(), Map.of());

    private final Map<String, String> values;
    private final Map<String, List<String>> lists;

    private MapRequestContext(Map<String, String> values, Map<String, List<String>> lists) {
        this.values = values;
        this.lists = lists;
    }

    public static MapRequestContext of(Map<String, String> values, Map<String, List<String>> lists) {
        Map<String, List<String>> copied = new HashMap<>();
        lists.forEach((key, list) -> copied.put(key, List.copyOf(list)));
        return new MapRequestContext(Map.copyOf(values), Map.copyOf(copied));
    }

    public static MapRequestContext of(Map<String, String> values) {
        return of(values, Map.of());
    }

    public static MapRequestContext empty() {
        return EMPTY;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String value(String canonicalName) {
        return values.get(canonicalName);
    }

    @Override
    public List<String> values(String canonicalName) {
        return lists.get(canonicalName);
    }

    public Map<String, String> singleValues() {
        return values;
    }

    public Map<String, List<String>> multiValues() {
        return lists;
    }

    @Override
    public String toString() {
        return "MapRequestContext" + values + lists;
    }

    /** Collects values, later puts winning; {@link #putAll} merges e.g. {@link CertificateVariables}. */
    public static final class Builder {
        private final Map<String, String> values = new LinkedHashMap<>();
        private final Map<String, List<String>> lists = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder put(String canonicalName, String value) {
            values.put(canonicalName, value);
            return this;
        }

        public Builder putList(String canonicalName, List<String> list) {
            lists.put(canonicalName, list);
            return this;
        }

        public Builder putAll(Map<String, String> singleValues, Map<String, List<String>> multiValues) {
            values.putAll(singleValues);
            lists.putAll(multiValues);
            return this;
        }

        public MapRequestContext build() {
            return MapRequestContext.of(values, lists);
        }
    }
}
