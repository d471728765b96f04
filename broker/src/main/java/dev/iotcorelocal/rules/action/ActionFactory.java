package dev.iotcorelocal.rules.action;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Builds one action type from its JSON in a topic rule payload, e.g. the object under
 * {@code "sqs"} in {@code {"sqs": {"queueUrl": ..., "roleArn": ..., "useBase64": false}}}, with
 * AWS's camelCase field names (the rule file loader normalises CloudFormation's PascalCase first).
 */
public interface ActionFactory {
    /** The action's key in the payload's {@code actions[]} entries: {@code republish}, {@code sqs}, {@code http}, ... */
    String key();

    RuleAction create(JsonNode spec, ActionEnvironment environment) throws InvalidActionException;
}
