package dev.iotcorelocal.rules.sql.eval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iotcorelocal.rules.sql.RuleInput;

/**
 * One compiled SQL expression. {@code row} is what attribute names read: the payload at the top
 * level, one array element inside a nested SELECT, {@link Values#UNDEFINED} for a non-JSON payload.
 * The result is never null: Undefined is {@link Values#UNDEFINED}. Implementations are immutable,
 * so one tree serves every thread.
 */
public interface Expr {
    JsonNode eval(RuleInput input, JsonNode row);

    /** The value when this expression is a literal (so functions can precompile it), else null. */
    default JsonNode constant() {
        return null;
    }
}
