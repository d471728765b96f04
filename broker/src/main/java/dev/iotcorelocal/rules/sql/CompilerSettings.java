package dev.iotcorelocal.rules.sql;

import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** What {@link AwsIotSqlCompiler} was built with: the account accountid() answers, newuuid()'s source, where warnings go. */
record CompilerSettings(String accountId, Supplier<UUID> uuids, Consumer<String> warnings) { }
