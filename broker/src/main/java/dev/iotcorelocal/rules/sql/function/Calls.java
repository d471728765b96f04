package dev.iotcorelocal.rules.sql.function;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iotcorelocal.rules.sql.RuleInput;
import dev.iotcorelocal.rules.sql.eval.Expr;

import java.util.List;

/** Expression nodes for function calls: arguments evaluated, then one plain function applied. */
final class Calls {
    private Calls() { }

    interface Of0 { JsonNode apply(RuleInput input); }
    interface Of1 { JsonNode apply(JsonNode a); }
    interface Of2 { JsonNode apply(JsonNode a, JsonNode b); }
    interface Of3 { JsonNode apply(JsonNode a, JsonNode b, JsonNode c); }
    interface OfN { JsonNode apply(JsonNode[] args); }

    static Expr call0(Of0 f) {
        return (input, row) -> f.apply(input);
    }

    static Expr call1(List<Expr> args, Of1 f) {
        Expr a = args.get(0);
        return (input, row) -> f.apply(a.eval(input, row));
    }

    static Expr call2(List<Expr> args, Of2 f) {
        Expr a = args.get(0);
        Expr b = args.get(1);
        return (input, row) -> f.apply(a.eval(input, row), b.eval(input, row));
    }

    static Expr call3(List<Expr> args, Of3 f) {
        Expr a = args.get(0);
        Expr b = args.get(1);
        Expr c = args.get(2);
        return (input, row) -> f.apply(a.eval(input, row), b.eval(input, row), c.eval(input, row));
    }

    /** For optional trailing arguments: missing ones are passed as null. */
    static Expr callN(List<Expr> args, OfN f) {
        Expr[] exprs = args.toArray(new Expr[0]);
        return (input, row) -> {
            JsonNode[] values = new JsonNode[exprs.length];
            for (int i = 0; i < exprs.length; i++) {
                values[i] = exprs[i].eval(input, row);
            }
            return f.apply(values);
        };
    }
}
