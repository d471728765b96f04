package dev.iotcorelocal.rules.action;

import dev.iotcorelocal.packet.PublishProperties;
import dev.iotcorelocal.rules.sql.AwsIotSqlCompiler;
import dev.iotcorelocal.rules.sql.CompiledTemplate;
import dev.iotcorelocal.rules.sql.RuleInput;
import dev.iotcorelocal.rules.sql.SqlParseException;
import dev.iotcorelocal.rules.sql.SqlVersion;

import java.net.URI;

/** The {@link ActionEnvironment} a rule gives its actions: the real SQL compiler's templates (2016-03-23), an endpoint, a region. */
public final class TestEnvironment implements ActionEnvironment {
    private static final AwsIotSqlCompiler SQL = new AwsIotSqlCompiler();
    private final URI endpoint;
    private final String region;

    public TestEnvironment(URI endpoint, String region) {
        this.endpoint = endpoint;
        this.region = region;
    }

    public static TestEnvironment withoutEndpoint() {
        return new TestEnvironment(null, "us-east-1");
    }

    @Override
    public CompiledTemplate template(String text) throws SqlParseException {
        return SQL.template(text, SqlVersion.V2016_03_23);
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
