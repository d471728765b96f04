package dev.iotcorelocal.rules.sql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iotcorelocal.rules.sql.eval.Expr;
import dev.iotcorelocal.rules.sql.eval.PayloadWriter;
import dev.iotcorelocal.rules.sql.eval.Projection;
import dev.iotcorelocal.rules.sql.eval.Subquery;
import dev.iotcorelocal.rules.sql.eval.Values;

import java.util.List;

/**
 * A compiled rule query: WHERE first (it cannot see SELECT aliases), then the projection, then
 * the bytes. Non-JSON payloads follow spec B1: {@code SELECT *} passes the bytes through, field
 * references are Undefined, and extra items next to {@code *} over a binary payload fail.
 */
final class SqlQuery implements CompiledQuery {
    private static final byte[] EMPTY = new byte[0];

    private final String fromFilter;
    private final SqlVersion version;
    private final Projection projection;
    private final Expr where;
    private final List<String> warnings;
    private final boolean wholeAsInt;

    SqlQuery(String fromFilter, SqlVersion version, Projection projection, Expr where, List<String> warnings) {
        this.fromFilter = fromFilter;
        this.version = version;
        this.projection = projection;
        this.where = where;
        this.warnings = List.copyOf(warnings);
        this.wholeAsInt = version != SqlVersion.V2015_10_08;
    }

    @Override
    public String fromFilter() {
        return fromFilter;
    }

    @Override
    public SqlVersion version() {
        return version;
    }

    @Override
    public List<String> warnings() {
        return warnings;
    }

    @Override
    public QueryResult evaluate(RuleInput input) {
        JsonNode json = input.json();
        JsonNode row = json == null ? Values.UNDEFINED : json;
        if (where != null) {
            JsonNode condition = where.eval(input, row);
            if (!Subquery.isTrue(condition)) {
                return new QueryResult.NotSelected("WHERE was " + describe(condition));
            }
        }
        if (projection.isValue()) {
            JsonNode value = projection.apply(input, row, null);
            if (value.isArray() && !wholeAsInt) {
                return new QueryResult.Failed("SELECT VALUE of an Array needs SQL version 2016-03-23");
            }
            return new QueryResult.Selected(Values.isUndefined(value) ? EMPTY : PayloadWriter.toBytes(value, wholeAsInt));
        }
        if (projection.isStarOnly()) {
            return new QueryResult.Selected(json == null ? input.payload() : PayloadWriter.toBytes(json, wholeAsInt));
        }
        ObjectNode base = null;
        if (projection.hasStar()) {
            if (json == null && input.payload().length > 0) {
                return new QueryResult.Failed("SELECT * with other items needs a JSON payload; this one is not JSON "
                        + "(AWS cannot add items to a binary payload; use encode(*, 'base64') AS name)");
            }
            if (json != null && !json.isObject()) {
                return new QueryResult.Failed("SELECT * with other items needs a JSON object payload; this one is "
                        + Values.typeName(json));
            }
            base = JsonNodeFactory.instance.objectNode();
            if (json != null) {
                // Shallow: evaluation never mutates a node it did not create.
                base.setAll((ObjectNode) json);
            }
        }
        return new QueryResult.Selected(PayloadWriter.toBytes(projection.apply(input, row, base), wholeAsInt));
    }

    private static String describe(JsonNode condition) {
        if (Values.isUndefined(condition)) {
            return "Undefined";
        }
        String text = condition.isContainerNode() ? Values.typeName(condition) : condition.toString();
        return text.length() > 64 ? text.substring(0, 64) + "..." : text;
    }
}
