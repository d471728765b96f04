package dev.iotcorelocal.rules.action.aws;

import dev.iotcorelocal.rules.action.ActionEnvironment;

import java.net.URI;

/** Where a rule's SDK action sends: the configured endpoint and the broker's region, plus the shared clients. */
record AwsTarget(AwsClients clients, URI endpoint, String region) {
    /** The target, or null when no endpoint is configured (the action is then not emulated). */
    static AwsTarget of(AwsClients clients, ActionEnvironment environment) {
        URI endpoint = environment.awsEndpoint();
        return endpoint == null ? null : new AwsTarget(clients, endpoint, environment.region());
    }
}
