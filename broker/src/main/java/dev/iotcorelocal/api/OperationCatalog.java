package dev.iotcorelocal.api;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Every operation of AWS IoT's HTTP APIs (operations.tsv, from the AWS SDK's marshallers), so the
 * listener recognises what it does not emulate and says so by name instead of "not found".
 */
final class OperationCatalog {
    private static final String RESOURCE = "operations.tsv";

    private OperationCatalog() {
    }

    static List<Operation> load() {
        try (InputStream in = OperationCatalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("operation catalogue missing: " + RESOURCE);
            }
            List<Operation> operations = new ArrayList<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] fields = line.split("\t");
                if (fields.length != 4) {
                    throw new IllegalStateException(RESOURCE + ": expected 4 tab-separated fields: " + line);
                }
                operations.add(new Operation(ApiService.valueOf(fields[0]), fields[1], fields[2],
                        PathTemplate.parse(fields[3])));
            }
            return List.copyOf(operations);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
