package dev.iotcorelocal.bench.load;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** One scenario's figures, printed as one line of key=value pairs (easy for scripts to parse). */
final class Result {
    private final Map<String, Object> values = new LinkedHashMap<>();

    Result put(String key, Object value) {
        values.put(key, value);
        return this;
    }

    @Override
    public String toString() {
        return "RESULT " + values.entrySet().stream()
                .map(e -> e.getKey() + "=" + (e.getValue() instanceof Double d ? String.format("%.1f", d) : e.getValue()))
                .collect(Collectors.joining(" "));
    }
}
