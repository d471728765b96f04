package dev.iotcorelocal.rules.sql;

import dev.iotcorelocal.packet.PublishProperties;
import dev.iotcorelocal.packet.UserProperty;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static dev.iotcorelocal.rules.sql.SqlTesting.json;
import static dev.iotcorelocal.rules.sql.SqlTesting.select;
import static org.assertj.core.api.Assertions.assertThat;

/** Functions that read the message rather than the payload, with what the engine hands them. */
class MessageFunctionsTest {
    private static final PublishProperties REPEATED = new PublishProperties(null, null, 0, null, null,
            List.of(new UserProperty("k", "1"), new UserProperty("other", "x"), new UserProperty("k", "2")), List.of(), null);

    private static RuleInput notFromMqtt() {
        return new RuleInput("a/b", "{}".getBytes(StandardCharsets.UTF_8), PublishProperties.EMPTY, null, null, null, null, 42L);
    }

    @Test
    void identityFunctionsOfAMessageThatDidNotComeOverMqtt() {
        assertThat(select("SELECT clientid() AS c, principal() AS p, sourceip() AS s, traceid() AS t, timestamp() AS ts "
                + "FROM 'a/b'", SqlVersion.V2016_03_23, notFromMqtt())).isEqualTo(json("{\"c\":\"n/a\",\"ts\":42}"));
    }

    @Test
    void userPropertiesKeepRepeatsInPacketOrder() {
        RuleInput input = SqlTesting.input("a", "{}".getBytes(StandardCharsets.UTF_8), REPEATED);
        assertThat(select("SELECT get_user_properties('k') AS k, get_user_properties() AS all, "
                        + "get_user_properties('absent') AS none, get_user_property('k') AS first FROM 'a'",
                SqlVersion.V2016_03_23, input)).isEqualTo(json("{\"k\":[\"1\",\"2\"],"
                + "\"all\":[{\"k\":\"1\"},{\"other\":\"x\"},{\"k\":\"2\"}],\"first\":\"1\"}"));
    }

    @Test
    void getUserPropertyIsAcceptedWithOneWarningPerRule() throws SqlParseException {
        CompiledQuery query = SqlTesting.COMPILER.compile("SELECT get_user_property('a') AS a, get_user_property('b') AS b "
                + "FROM 'x'", SqlVersion.V2016_03_23);

        assertThat(query.warnings()).singleElement().asString().contains("AWS spells it get_user_properties");
        assertThat(SqlTesting.COMPILER.compile("SELECT get_user_properties('a') AS a FROM 'x'", SqlVersion.V2016_03_23)
                .warnings()).isEmpty();
    }

    @Test
    void everyTimestampOfOneMessageAgreesAndNewuuidComesFromTheInjectedSource() throws SqlParseException {
        AtomicLong next = new AtomicLong();
        AwsIotSqlCompiler compiler = new AwsIotSqlCompiler("999988887777", () -> new UUID(0, next.incrementAndGet()));
        QueryResult result = compiler.compile("SELECT timestamp() AS a, timestamp() AS b, newuuid() AS u1, newuuid() AS u2, "
                + "accountid() AS acct FROM 'a'", SqlVersion.V2016_03_23).evaluate(notFromMqtt());

        assertThat(json(((QueryResult.Selected) result).payload())).isEqualTo(json("{\"a\":42,\"b\":42,"
                + "\"u1\":\"00000000-0000-0000-0000-000000000001\",\"u2\":\"00000000-0000-0000-0000-000000000002\","
                + "\"acct\":\"999988887777\"}"));
    }

    @Test
    void mqttPropertiesAreUndefinedOnAnMqtt311Message() {
        assertThat(select("SELECT get_mqtt_property('content_type') AS c, get_mqtt_property('format_indicator') AS f, "
                + "get_mqtt_property('correlation_data') AS d, get_user_properties('k') AS k FROM 'a'",
                SqlVersion.V2016_03_23, notFromMqtt())).isEqualTo(json("{}"));
        PublishProperties bytes = new PublishProperties(0, null, 0, null, null, List.of(), List.of(), null);
        assertThat(select("SELECT get_mqtt_property('format_indicator') AS f FROM 'a'", SqlVersion.V2016_03_23,
                SqlTesting.input("a", "{}".getBytes(StandardCharsets.UTF_8), bytes)))
                .isEqualTo(json("{\"f\":\"UNSPECIFIED_BYTES\"}"));
    }

    @Test
    void itemsWithoutAliasAreNamedAfterTheAttributeOrFunction() {
        assertThat(select("SELECT color.red, topic(), 1 + 1 FROM 'topic/subtopic'", "{\"color\":{\"red\":255}}"))
                .isEqualTo(json("{\"red\":255,\"topic\":\"topic/subtopic\",\"_3\":2}"));
    }
}
