package dev.iotcorelocal.rules.sql;

import dev.iotcorelocal.packet.PublishProperties;
import dev.iotcorelocal.packet.UserProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import static dev.iotcorelocal.rules.sql.SqlTesting.COMPILER;
import static dev.iotcorelocal.rules.sql.SqlTesting.input;
import static dev.iotcorelocal.rules.sql.SqlTesting.json;
import static dev.iotcorelocal.rules.sql.SqlTesting.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Spec B6, RV-1..RV-29: topic, payload, properties and SQL in; the payload the actions get (or none) out. */
class RulesVectorsTest {
    private static final String RED50 = "{\"color\":\"red\",\"temperature\":50}";
    private static final String SENML = "{\"e\":[{\"n\":\"temperature\",\"u\":\"Cel\",\"t\":1234,\"v\":22.5},"
            + "{\"n\":\"light\",\"u\":\"lm\",\"t\":1235,\"v\":135},{\"n\":\"acidity\",\"u\":\"pH\",\"t\":1235,\"v\":7}]}";
    private static final String SV3_DELTA = "{\"version\":4,\"timestamp\":1591141596,\"state\":{\"ColorRGB\":[255,255,0]},"
            + "\"metadata\":{\"ColorRGB\":[{\"timestamp\":1591141596},{\"timestamp\":1591141596},{\"timestamp\":1591141596}]},"
            + "\"clientToken\":\"21b21b21-bfd2-4279-8c65-e2f697ff4fab\"}";
    private static final String RV28_SQL = "SELECT CASE get_user_property(\"Content-Type\") WHEN \"base64\" THEN "
            + "decode(decode(encode(*,'base64'),'base64'),'base64') ELSE decode(encode(*,'base64'),'base64') END "
            + "as sensor_value FROM 'sensors/#'";

    static Stream<Arguments> jsonVectors() {
        return Stream.of(
                arguments("RV-1", "topic/subtopic", RED50, none(), "SELECT * FROM 'topic/subtopic'", RED50),
                arguments("RV-2", "topic/subtopic", RED50, none(), "SELECT color FROM 'topic/subtopic'", "{\"color\":\"red\"}"),
                arguments("RV-3", "topic/subtopic", RED50, none(),
                        "SELECT color as my_color, temperature as fahrenheit FROM 'topic/subtopic'",
                        "{\"my_color\":\"red\",\"fahrenheit\":50}"),
                arguments("RV-4", "topic/subtopic", RED50, none(), "SELECT *, 15 as speed FROM 'topic/subtopic'",
                        "{\"color\":\"red\",\"temperature\":50,\"speed\":15}"),
                arguments("RV-5", "topic/subtopic", RED50, none(), "SELECT VALUE color FROM 'topic/subtopic'", "\"red\""),
                arguments("RV-6", "topic/subtopic", "{\"color\":{\"red\":255,\"green\":0,\"blue\":0},\"temperature\":50}", none(),
                        "SELECT color.red as red_value FROM 'topic/subtopic'", "{\"red_value\":255}"),
                arguments("RV-7", "topic/subtopic", RED50, none(),
                        "SELECT (temperature - 32) * 5 / 9 AS celsius, upper(color) as my_color FROM 'topic/subtopic'",
                        "{\"celsius\":10,\"my_color\":\"RED\"}"),
                arguments("RV-8", "topic/subtopic", "{\"color\":\"red\",\"temperature\":100}", none(),
                        "SELECT color AS rgb FROM 'topic/subtopic' WHERE temperature > 50", "{\"rgb\":\"red\"}"),
                arguments("RV-10", "topic/subtopic-3/details", "{\"temperature\":70}", none(),
                        "SELECT temperature AS t FROM 'topic/#'", "{\"t\":70}"),
                arguments("RV-12", "topic/subtopic", "{\"color\":\"yellow\"}", none(),
                        "SELECT CASE color WHEN 'green' THEN 'go' WHEN 'yellow' THEN 'caution' WHEN 'red' THEN 'stop' "
                                + "ELSE 'you are not at a stop light' END as instructions FROM 'topic/subtopic'",
                        "{\"instructions\":\"caution\"}"),
                arguments("RV-13", "$aws/things/myThing/shadow/update/delta", SV3_DELTA, none(),
                        "SELECT state, version FROM '$aws/things/+/shadow/update/delta'",
                        "{\"state\":{\"ColorRGB\":[255,255,0]},\"version\":4}"),
                arguments("RV-14", "my/iot/topic", RV14, none(), "SELECT *, timestamp() AS timestamp FROM 'my/iot/topic'",
                        RV14.substring(0, RV14.length() - 1) + ",\"timestamp\":1579637878451}"),
                arguments("RV-15", "topic/subtopic", "{\"encoded_temp\":\"eyAidGVtcGVyYXR1cmUiOiAzMyB9Cg==\"}", none(),
                        "SELECT decode(encoded_temp,\"base64\").temperature AS temp from 'topic/subtopic'", "{\"temp\":33}"),
                arguments("RV-16", "topic/subtopic", "80", none(),
                        "SELECT decode(encode(*, 'base64'), 'base64') AS value FROM 'topic/subtopic' "
                                + "WHERE decode(encode(*, 'base64'), 'base64') > 50", "{\"value\":80}"),
                arguments("RV-17", "my_topic", "23.7", none(), "SELECT encode(*, 'base64') AS data FROM 'my_topic'",
                        "{\"data\":\"MjMuNw==\"}"),
                arguments("RV-19", "topic/subtopic", "{\"lat_long\":[47.606,-122.332]}", none(),
                        "SELECT {'latitude': get(lat_long, 0),'longitude':get(lat_long, 1)} as lat_long FROM 'topic/subtopic'",
                        "{\"lat_long\":{\"latitude\":47.606,\"longitude\":-122.332}}"),
                arguments("RV-20", "my/topic", SENML, none(), "SELECT (SELECT VALUE n FROM e) as sensors FROM 'my/topic'",
                        "{\"sensors\":[\"temperature\",\"light\",\"acidity\"]}"),
                arguments("RV-21a", "my/topic", SENML, none(),
                        "SELECT (SELECT v FROM e WHERE n = 'temperature') as temperature FROM 'my/topic'",
                        "{\"temperature\":[{\"v\":22.5}]}"),
                arguments("RV-21b", "my/topic", SENML, none(),
                        "SELECT get((SELECT v FROM e WHERE n = 'temperature'), 0).v as temperature FROM 'my/topic'",
                        "{\"temperature\":22.5}"),
                arguments("RV-22", "topic", "{\"a\":{\"b\":\"c\"},\"arr\":[1,2,3,4]}", none(), "SELECT VALUE arr FROM 'topic'",
                        "[1,2,3,4]"),
                arguments("RV-23", "iot/rules", "{\"mydata\":{\"item2\":{\"0\":{\"my-key\":\"myValue\"}}}}", none(),
                        "SELECT * from 'iot/rules' WHERE get(get(get(mydata,\"item2\"),\"0\"),\"my-key\") = \"myValue\"",
                        "{\"mydata\":{\"item2\":{\"0\":{\"my-key\":\"myValue\"}}}}"),
                arguments("RV-24", "topic/subtopic", "{\"deviceid\":\"iot123\",\"temp\":54.98}", none(),
                        "SELECT temp, md5(deviceid) AS hashed_id FROM 'topic/subtopic'",
                        "{\"temp\":54.98,\"hashed_id\":\"e37f81fb397e595c4aeb5645b8cbbbd1\"}"),
                arguments("RV-25", "topic/subtopic", "{\"color\":\"red\"}", none(),
                        "SELECT color AS rgb, missing AS m, isUndefined(missing) AS u, NULL AS n FROM 'topic/subtopic'",
                        "{\"rgb\":\"red\",\"u\":true,\"n\":null}"),
                arguments("RV-26", "Buildings/Building5/Floor2/Room201/Lights", "{}", none(),
                        "SELECT topic() AS t, topic(3) AS f FROM 'Buildings/#'",
                        "{\"t\":\"Buildings/Building5/Floor2/Room201/Lights\",\"f\":\"Floor2\"}"),
                arguments("RV-27", "sensors/gateway01/sensor02", "MjMuNw==", rv27Properties(),
                        "SELECT get_user_properties('Content-Type') AS ct FROM 'sensors/#'", "{\"ct\":[\"base64\"]}"),
                arguments("RV-28", "sensors/gateway01/sensor02", "MjMuNw==", rv27Properties(), RV28_SQL,
                        "{\"sensor_value\":23.7}"),
                arguments("RV-28 text/plain", "sensors/gateway01/sensor01", "23.4",
                        properties(List.of(new UserProperty("Content-Type", "text/plain"))), RV28_SQL,
                        "{\"sensor_value\":23.4}"),
                arguments("RV-28 no properties", "sensors/gateway01/sensor03", "24.4", none(), RV28_SQL, "{}"),
                arguments("RV-29", "a", "{}", new PublishProperties(1, null, 0, "r/t",
                                "cid".getBytes(StandardCharsets.US_ASCII), List.of(), List.of(), "text/plain"),
                        "SELECT get_mqtt_property('content_type') AS c, get_mqtt_property('format_indicator') AS f, "
                                + "get_mqtt_property('response_topic') AS r, get_mqtt_property('correlation_data') AS d FROM 'a'",
                        "{\"c\":\"text/plain\",\"f\":\"UTF8_DATA\",\"r\":\"r/t\",\"d\":\"Y2lk\"}"));
    }

    private static final String RV14 = "{\"deviceid\":\"iot123\",\"temp\":54.98,\"humidity\":32.43,"
            + "\"coords\":{\"latitude\":47.615694,\"longitude\":-122.3359976}}";

    @ParameterizedTest(name = "{0}")
    @MethodSource("jsonVectors")
    void producesTheDocumentedPayload(String vector, String topic, String payload, PublishProperties properties,
                                      String sql, String expected) {
        QueryResult result = run(sql, SqlVersion.V2016_03_23, input(topic, payload.getBytes(StandardCharsets.UTF_8), properties));

        assertThat(result).as(vector).isInstanceOf(QueryResult.Selected.class);
        assertThat(json(((QueryResult.Selected) result).payload())).as(vector).isEqualTo(json(expected));
    }

    @Test
    void rv9WhereFalseSelectsNothing() {
        QueryResult result = run("SELECT color AS my_color FROM 'topic/subtopic' WHERE temperature > 50 AND color <> 'red'",
                SqlVersion.V2016_03_23, input("topic/subtopic", "{\"color\":\"red\",\"temperature\":40}"));

        assertThat(result).isInstanceOf(QueryResult.NotSelected.class);
        assertThat(((QueryResult.NotSelected) result).reason()).isEqualTo("WHERE was false");
    }

    @Test
    void rv10AndRv11HandTheFilterToTheEngine() throws SqlParseException {
        // The engine matches topics with the broker's matcher; the compiler hands it the filter as written.
        assertThat(COMPILER.compile("SELECT temperature AS t FROM 'topic/#'", SqlVersion.V2016_03_23).fromFilter())
                .isEqualTo("topic/#");
        assertThat(COMPILER.compile("SELECT temperature AS t FROM 'topic/+'", SqlVersion.V2016_03_23).fromFilter())
                .isEqualTo("topic/+");
    }

    @Test
    void rv13AndRv14RepublishTopicsAreTemplatesOverTheOriginalMessage() throws SqlParseException {
        RuleInput delta = input("$aws/things/myThing/shadow/update/delta", SV3_DELTA);
        assertThat(COMPILER.template("${topic(3)}/delta", SqlVersion.V2016_03_23).render(delta)).isEqualTo("myThing/delta");

        RuleInput rv14 = input("my/iot/topic", RV14);
        assertThat(COMPILER.template("${topic()}/republish", SqlVersion.V2016_03_23).render(rv14))
                .isEqualTo("my/iot/topic/republish");
    }

    @Test
    void rv18BinarySelectStarPassesTheBytesThrough() {
        byte[] binary = {0x00, (byte) 0xFF, 0x10};
        QueryResult result = run("SELECT * FROM 'topic/subtopic'", SqlVersion.V2016_03_23,
                input("topic/subtopic", binary, PublishProperties.EMPTY));

        assertThat(result).isInstanceOf(QueryResult.Selected.class);
        assertThat(((QueryResult.Selected) result).payload()).containsExactly(0x00, 0xFF, 0x10);
    }

    private static PublishProperties none() {
        return PublishProperties.EMPTY;
    }

    private static PublishProperties rv27Properties() {
        return properties(List.of(new UserProperty("Content-Type", "base64"),
                new UserProperty("Hardware-Manufacturer", "brandX-rev8.2")));
    }

    private static PublishProperties properties(List<UserProperty> userProperties) {
        return new PublishProperties(null, null, 0, null, null, userProperties, List.of(), null);
    }
}
