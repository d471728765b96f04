package dev.iotcorelocal.rules.action.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iotcorelocal.rules.action.ActionEnvironment;
import dev.iotcorelocal.rules.action.ActionFields;
import dev.iotcorelocal.rules.action.InvalidActionException;

/** The fields every SDK action shares. */
final class AwsFields {
    private AwsFields() {
    }

    /**
     * The action's fields, with {@code roleArn} checked for its type only: IAM is not emulated, so
     * the role is accepted, ignored, and may be left out (as the spec proposes for republish).
     */
    static ActionFields of(String key, JsonNode spec, ActionEnvironment environment) throws InvalidActionException {
        ActionFields fields = new ActionFields(key, spec, environment);
        fields.optionalString("roleArn");
        return fields;
    }
}
