package dev.iotcorelocal.rules.sql;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.iotcorelocal.rules.sql.SqlTesting.COMPILER;
import static dev.iotcorelocal.rules.sql.SqlTesting.input;
import static org.assertj.core.api.Assertions.assertThat;

/** Substitution templates (spec B3): {@code ${expr}} over the original message, Undefined as "", containers as JSON. */
class TemplateTest {
    private static final String PAYLOAD = "{\"temp\":54.5,\"device\":\"d-1\",\"coords\":{\"lat\":1},\"tags\":[\"a\",\"b\"],"
            + "\"nothing\":null,\"whole\":10.0}";

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "alerts/${topic(2)}                     | alerts/d-1",
            "${topic()}/republish                   | dt/d-1/temp/republish",
            "no substitutions                       | no substitutions",
            "``                                     | ``",
            "${device}-${temp}                      | d-1-54.5",
            "[${missing}]                           | []",
            "${coords}                              | {\"lat\":1}",
            "${tags}                                | [\"a\",\"b\"]",
            "${nothing}                             | null",
            "${whole}                               | 10",
            "${temp > 50}                           | true",
            "${concat('}', device)}                 | }d-1",
            "${get({'a': 'x'}, 'a')}!               | x!",
            "${upper(device)}${lower('AB')}         | D-1ab",
            "${clientid()}                          | client-1",
            "$${topic(1)}                           | $dt",
            "a $ b { c } $                          | a $ b { c } $",
    })
    void rendersOverTheOriginalMessage(String template, String expected) throws SqlParseException {
        String rendered = COMPILER.template(template == null ? "" : template.strip(), SqlVersion.V2016_03_23)
                .render(input("dt/d-1/temp", PAYLOAD));

        assertThat(rendered).isEqualTo(expected == null ? "" : expected);
    }

    @Test
    void errorActionKeyExampleFromAwsDocs() throws SqlParseException {
        String key = COMPILER.template("${replace(topic(), '/', '-') + '-' + timestamp() + '-' + newuuid()}",
                SqlVersion.V2016_03_23).render(input("testme/action", "{}"));

        assertThat(key).isEqualTo("testme-action-1579637878451-123e4567-e89b-12d3-a456-426614174000");
    }

    @Test
    void wholeDecimalsStayDecimalUnder2015() throws SqlParseException {
        assertThat(COMPILER.template("${whole}", SqlVersion.V2015_10_08).render(input("a", PAYLOAD))).isEqualTo("10.0");
    }

    @Test
    void nonJsonPayloadLeavesFieldsUndefinedButFunctionsWork() throws SqlParseException {
        String rendered = COMPILER.template("${topic(1)}:${temp}", SqlVersion.V2016_03_23)
                .render(SqlTesting.input("dt/x", new byte[] {0x00, (byte) 0xFF}, dev.iotcorelocal.packet.PublishProperties.EMPTY));

        assertThat(rendered).isEqualTo("dt:");
    }
}
