package dev.iotcorelocal.rules.sql.function;

import dev.iotcorelocal.rules.sql.SqlParseException;
import dev.iotcorelocal.rules.sql.eval.Expr;

import java.util.List;

/** One SQL function: its arity, the first SQL version that has it, and how to compile a call. */
public record FunctionSpec(String name, int minArgs, int maxArgs, boolean since2016, Factory factory) {
    public static final int VARARGS = Integer.MAX_VALUE;

    /** Compiles one call; may inspect literal arguments (precompiled patterns, {@code *}). */
    public interface Factory {
        Expr create(List<Expr> args, FunctionContext context) throws SqlParseException;
    }
}
