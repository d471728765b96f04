package dev.iotcorelocal.rules.action;

import dev.iotcorelocal.packet.PublishProperties;
import dev.iotcorelocal.rules.sql.CompiledTemplate;
import dev.iotcorelocal.rules.sql.RuleInput;
import dev.iotcorelocal.rules.sql.SqlParseException;

import java.net.URI;

/**
 * A test {@link ActionEnvironment} until the SQL compiler is merged: templates render their text,
 * with {@code ${topic()}} replaced by the message's topic; any other {@code ${...}} is refused
 * as the compiler would refuse an unknown expression.
 */
public final class LiteralTemplates implements ActionEnvironment {
    private final URI endpoint;
    private final String region;

    public LiteralTemplates(URI endpoint, String region) {
        this.endpoint = endpoint;
        this.region = region;
    }

    public static LiteralTemplates withoutEndpoint() {
        return new LiteralTemplates(null, "us-east-1");
    }

    @Override
    public CompiledTemplate template(String text) throws SqlParseException {
        int start = text.replace("${topic()}", "").indexOf("${");
        if (start >= 0) {
            throw new SqlParseException("unsupported expression in template " + text, 1, start + 1);
        }
        return input -> text.replace("${topic()}", input.topic());
    }

    @Override
    public URI awsEndpoint() {
        return endpoint;
    }

    @Override
    public String region() {
        return region;
    }

    /** A message as the engine hands it to actions: the topic, the SELECT result as payload, no MQTT identity. */
    public static ActionRequest request(String topic, byte[] payload) {
        RuleInput input = new RuleInput(topic, payload, PublishProperties.EMPTY, "client-1", null, "127.0.0.1",
                "trace-1", 1_700_000_000_000L);
        return new ActionRequest("test_rule", payload, input);
    }
}
