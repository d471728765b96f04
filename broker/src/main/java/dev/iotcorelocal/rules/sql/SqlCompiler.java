package dev.iotcorelocal.rules.sql;

/** Compiles AWS IoT SQL and substitution templates; refuses what AWS refuses at CreateTopicRule. */
public interface SqlCompiler {
    CompiledQuery compile(String sql, SqlVersion version) throws SqlParseException;

    CompiledTemplate template(String text, SqlVersion version) throws SqlParseException;
}
