package dev.iotcorelocal.rules.action.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iotcorelocal.rules.action.ActionEnvironment;
import dev.iotcorelocal.rules.action.ActionFactory;
import dev.iotcorelocal.rules.action.ActionFields;
import dev.iotcorelocal.rules.action.InvalidActionException;
import dev.iotcorelocal.rules.action.RuleAction;
import dev.iotcorelocal.rules.sql.CompiledTemplate;

/** {@code "cloudwatchLogs": {"logGroupName": "<template>", "batchMode": false}} (AWS's CloudwatchLogsAction). */
final class CloudwatchLogsActionFactory implements ActionFactory {
    static final String NAME = "CloudwatchLogsAction";
    private final AwsClients clients;
    private final LogStreams streams = new LogStreams();

    CloudwatchLogsActionFactory(AwsClients clients) {
        this.clients = clients;
    }

    @Override
    public String key() {
        return "cloudwatchLogs";
    }

    @Override
    public RuleAction create(JsonNode spec, ActionEnvironment environment) throws InvalidActionException {
        ActionFields fields = AwsFields.of(key(), spec, environment);
        CompiledTemplate group = fields.requiredTemplate("logGroupName");
        boolean batchMode = fields.optionalBoolean("batchMode", false);
        AwsTarget target = AwsTarget.of(clients, environment);
        return target == null ? new NotEmulatedAction(NAME, group)
                : new CloudwatchLogsAction(target, group, batchMode, streams);
    }
}
