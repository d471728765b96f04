package dev.iotcorelocal.rules.sql.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iotcorelocal.rules.sql.RuleInput;

import java.util.List;

/**
 * A SELECT list: {@code VALUE expr}, or items ({@code *} and {@code expr AS name}) built into an
 * Object over one row. Undefined items add nothing (PROPOSED: nor do they remove a key {@code *}
 * brought); a later item replaces an earlier key.
 */
public final class Projection {
    private final Expr value;
    private final List<String> names;
    private final List<Expr> items;
    private final boolean star;

    private Projection(Expr value, List<String> names, List<Expr> items, boolean star) {
        this.value = value;
        this.names = names;
        this.items = items;
        this.star = star;
    }

    public static Projection value(Expr value) {
        return new Projection(value, List.of(), List.of(), false);
    }

    /** {@code names} and {@code items} in order; {@code star} when the list has {@code *}. */
    public static Projection items(boolean star, List<String> names, List<Expr> items) {
        return new Projection(null, List.copyOf(names), List.copyOf(items), star);
    }

    public boolean isValue() {
        return value != null;
    }

    public boolean hasStar() {
        return star;
    }

    /** Only {@code *}: the payload goes out as it came. */
    public boolean isStarOnly() {
        return star && items.isEmpty();
    }

    /**
     * The projection of {@code row}. With {@code *}, {@code base} is the Object the items are
     * merged into (the row itself when it is an Object, copied); the caller decides what a
     * non-Object row means.
     */
    public JsonNode apply(RuleInput input, JsonNode row, ObjectNode base) {
        if (value != null) {
            return value.eval(input, row);
        }
        ObjectNode out = base != null ? base : JsonNodeFactory.instance.objectNode();
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i).eval(input, row);
            if (!Values.isUndefined(item)) {
                out.set(names.get(i), item);
            }
        }
        return out;
    }
}
