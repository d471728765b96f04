package dev.iotcorelocal.rules.sql.eval;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.JsonGeneratorDelegate;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;

/**
 * Serializes SQL results with Jackson. Under 2016-03-23 whole Decimals are written as Ints
 * ({@code 10.0} → {@code 10}); NaN and infinities, which JSON cannot carry, are written as null.
 */
public final class PayloadWriter {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private PayloadWriter() { }

    public static byte[] toBytes(JsonNode value, boolean wholeAsInt) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        try (JsonGenerator generator = new SqlNumbers(MAPPER.getFactory().createGenerator(out), wholeAsInt)) {
            MAPPER.writeTree(generator, value);
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return out.toByteArray();
    }

    static String toJsonText(JsonNode value, boolean wholeAsInt) {
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = new SqlNumbers(MAPPER.getFactory().createGenerator(out), wholeAsInt)) {
            MAPPER.writeTree(generator, value);
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return out.toString();
    }

    private static final class SqlNumbers extends JsonGeneratorDelegate {
        private final boolean wholeAsInt;

        SqlNumbers(JsonGenerator delegate, boolean wholeAsInt) {
            super(delegate, false);
            this.wholeAsInt = wholeAsInt;
        }

        @Override
        public void writeNumber(double value) throws IOException {
            if (Double.isNaN(value) || Double.isInfinite(value)) {
                delegate.writeNull();
            } else if (wholeAsInt && value == Math.rint(value)) {
                delegate.writeNumber(BigDecimal.valueOf(value).toBigInteger());
            } else {
                delegate.writeNumber(value);
            }
        }

        @Override
        public void writeNumber(float value) throws IOException {
            writeNumber((double) value);
        }

        @Override
        public void writeNumber(BigDecimal value) throws IOException {
            if (wholeAsInt && Values.isWhole(value)) {
                delegate.writeNumber(value.toBigInteger());
            } else {
                delegate.writeNumber(value);
            }
        }
    }
}
