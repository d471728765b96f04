package dev.iotcorelocal.rules.sql.function;

import dev.iotcorelocal.rules.sql.SqlParseException;
import dev.iotcorelocal.rules.sql.SqlVersion;

import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What a function sees when it is compiled: the rule's SQL version, the compiler's settings, and
 * where the call is written (for errors about literal arguments, such as a bad regex).
 */
public record FunctionContext(SqlVersion version, String accountId, Supplier<UUID> uuids,
                              Consumer<String> warnings, String name, int line, int column) {

    /** Under 2016-03-23 (and beta) whole Decimals are Ints. */
    public boolean wholeAsInt() {
        return version != SqlVersion.V2015_10_08;
    }

    public SqlParseException error(String problem) {
        return new SqlParseException(problem + " in " + name + "() at " + line + ":" + column, line, column);
    }
}
