package dev.iotcorelocal.rules.action.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iotcorelocal.rules.action.ActionEnvironment;
import dev.iotcorelocal.rules.action.ActionFactory;
import dev.iotcorelocal.rules.action.ActionFields;
import dev.iotcorelocal.rules.action.InvalidActionException;
import dev.iotcorelocal.rules.action.RuleAction;
import dev.iotcorelocal.rules.sql.CompiledTemplate;

import java.util.Set;

/**
 * {@code "firehose": {"deliveryStreamName": "<template>", "separator": ",", "batchMode": false}}
 * (AWS's FirehoseAction); the separator is one of {@code ,} {@code \t} {@code \n} {@code \r\n}.
 */
final class FirehoseActionFactory implements ActionFactory {
    static final String NAME = "FirehoseAction";
    static final Set<String> SEPARATORS = Set.of(",", "\t", "\n", "\r\n");
    private final AwsClients clients;

    FirehoseActionFactory(AwsClients clients) {
        this.clients = clients;
    }

    @Override
    public String key() {
        return "firehose";
    }

    @Override
    public RuleAction create(JsonNode spec, ActionEnvironment environment) throws InvalidActionException {
        ActionFields fields = AwsFields.of(key(), spec, environment);
        CompiledTemplate stream = fields.requiredTemplate("deliveryStreamName");
        String separator = fields.optionalString("separator");
        if (separator != null && !SEPARATORS.contains(separator)) {
            throw new InvalidActionException(fields.path("separator") + " must be one of \",\", \"\\t\", \"\\n\", "
                    + "\"\\r\\n\"");
        }
        boolean batchMode = fields.optionalBoolean("batchMode", false);
        AwsTarget target = AwsTarget.of(clients, environment);
        return target == null ? new NotEmulatedAction(NAME, stream)
                : new FirehoseAction(target, stream, separator == null ? "" : separator, batchMode);
    }
}
