package dev.iotcorelocal.rules;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;

/**
 * A topic rule as GetTopicRule shows it: the payload it was created or replaced with (actions as
 * given, camelCase), its ARN and creation time. Immutable; the JSON nodes are never changed.
 *
 * @param errorAction the error action's {@code {"<key>": {...}}} object, or null
 */
public record TopicRule(String name, String arn, String sql, String description, String awsIotSqlVersion,
                        boolean disabled, List<JsonNode> actions, JsonNode errorAction, Instant createdAt) {
    public TopicRule {
        actions = List.copyOf(actions);
    }

    public TopicRule withDisabled(boolean value) {
        return new TopicRule(name, arn, sql, description, awsIotSqlVersion, value, actions, errorAction, createdAt);
    }
}
