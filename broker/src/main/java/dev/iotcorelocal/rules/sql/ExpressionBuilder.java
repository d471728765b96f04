package dev.iotcorelocal.rules.sql;

import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.iotcorelocal.rules.sql.eval.Arithmetic;
import dev.iotcorelocal.rules.sql.eval.Comparison;
import dev.iotcorelocal.rules.sql.eval.Expr;
import dev.iotcorelocal.rules.sql.eval.Logic;
import dev.iotcorelocal.rules.sql.eval.Projection;
import dev.iotcorelocal.rules.sql.eval.Subquery;
import dev.iotcorelocal.rules.sql.eval.Terms;
import dev.iotcorelocal.rules.sql.eval.Values;
import dev.iotcorelocal.rules.sql.function.Cast;
import dev.iotcorelocal.rules.sql.function.FunctionContext;
import dev.iotcorelocal.rules.sql.function.FunctionRegistry;
import dev.iotcorelocal.rules.sql.function.FunctionSpec;
import dev.iotcorelocal.rules.sql.grammar.IotSqlBaseVisitor;
import dev.iotcorelocal.rules.sql.grammar.IotSqlParser;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiles the parse tree into an {@link Expr} tree once, refusing what AWS refuses (with the
 * position) and what the rule's SQL version lacks. Failures leave as {@link SyntaxErrors.Abort}.
 */
final class ExpressionBuilder extends IotSqlBaseVisitor<Expr> {
    private final CompilerSettings settings;
    private final SqlVersion version;
    private final int lineOffset;
    private final int columnOffset;

    ExpressionBuilder(CompilerSettings settings, SqlVersion version, int lineOffset, int columnOffset) {
        this.settings = settings;
        this.version = version;
        this.lineOffset = lineOffset;
        this.columnOffset = columnOffset;
    }

    boolean wholeAsInt() {
        return version != SqlVersion.V2015_10_08;
    }

    SyntaxErrors.Abort error(ParserRuleContext at, String problem) {
        return error(at.getStart(), problem);
    }

    SyntaxErrors.Abort error(Token at, String problem) {
        return SyntaxErrors.at(at, problem, lineOffset, columnOffset);
    }

    private void require2016(ParserRuleContext at, String feature) {
        if (!wholeAsInt()) {
            throw error(at, feature + " needs SQL version 2016-03-23 (this rule uses 2015-10-08)");
        }
    }

    /** A SELECT list, top level or nested. */
    Projection projection(IotSqlParser.SelectListContext list) {
        if (list instanceof IotSqlParser.ValueSelectContext value) {
            return Projection.value(visit(value.expression()));
        }
        boolean star = false;
        List<String> names = new ArrayList<>();
        List<Expr> items = new ArrayList<>();
        int position = 0;
        for (IotSqlParser.SelectItemContext item : ((IotSqlParser.ItemsSelectContext) list).selectItem()) {
            position++;
            if (item instanceof IotSqlParser.StarItemContext) {
                star = true;
                continue;
            }
            IotSqlParser.ExpressionItemContext expression = (IotSqlParser.ExpressionItemContext) item;
            items.add(visit(expression.expression()));
            names.add(expression.alias != null ? expression.alias.getText() : implicitName(expression.expression(), position));
        }
        return Projection.items(star, names, items);
    }

    /** PROPOSED naming of an item without AS: an attribute's last name, a call's function name, else _N. */
    private static String implicitName(IotSqlParser.ExpressionContext expression, int position) {
        if (expression instanceof IotSqlParser.PostfixExpressionContext postfix) {
            IotSqlParser.PostfixContext p = postfix.postfix();
            if (p instanceof IotSqlParser.FieldContext field) {
                return field.identifier().getText();
            }
            if (p instanceof IotSqlParser.PrimaryPostfixContext primary) {
                if (primary.primary() instanceof IotSqlParser.AttributeContext attribute) {
                    return attribute.identifier().getText();
                }
                if (primary.primary() instanceof IotSqlParser.CallContext call) {
                    return call.identifier().getText();
                }
            }
        }
        return "_" + position;
    }

    @Override
    public Expr visitNegate(IotSqlParser.NegateContext ctx) {
        return new Arithmetic.Negate(visit(ctx.expression()), wholeAsInt());
    }

    @Override
    public Expr visitMultiplicative(IotSqlParser.MultiplicativeContext ctx) {
        Arithmetic.Op op = switch (ctx.op.getText()) {
            case "*" -> Arithmetic.Op.MULTIPLY;
            case "/" -> Arithmetic.Op.DIVIDE;
            default -> Arithmetic.Op.REMAINDER;
        };
        return new Arithmetic(op, visit(ctx.expression(0)), visit(ctx.expression(1)), wholeAsInt());
    }

    @Override
    public Expr visitAdditive(IotSqlParser.AdditiveContext ctx) {
        Arithmetic.Op op = ctx.op.getText().equals("+") ? Arithmetic.Op.ADD : Arithmetic.Op.SUBTRACT;
        return new Arithmetic(op, visit(ctx.expression(0)), visit(ctx.expression(1)), wholeAsInt());
    }

    @Override
    public Expr visitComparison(IotSqlParser.ComparisonContext ctx) {
        Comparison.Op op = switch (ctx.op.getText()) {
            case "=" -> Comparison.Op.EQ;
            case "<>" -> Comparison.Op.NE;
            case "<" -> Comparison.Op.LT;
            case "<=" -> Comparison.Op.LE;
            case ">" -> Comparison.Op.GT;
            default -> Comparison.Op.GE;
        };
        return new Comparison(op, visit(ctx.expression(0)), visit(ctx.expression(1)));
    }

    @Override
    public Expr visitNot(IotSqlParser.NotContext ctx) {
        return new Logic.Not(visit(ctx.expression()));
    }

    @Override
    public Expr visitAnd(IotSqlParser.AndContext ctx) {
        return new Logic.And(visit(ctx.expression(0)), visit(ctx.expression(1)));
    }

    @Override
    public Expr visitOr(IotSqlParser.OrContext ctx) {
        return new Logic.Or(visit(ctx.expression(0)), visit(ctx.expression(1)));
    }

    @Override
    public Expr visitPostfixExpression(IotSqlParser.PostfixExpressionContext ctx) {
        return visit(ctx.postfix());
    }

    @Override
    public Expr visitPrimaryPostfix(IotSqlParser.PrimaryPostfixContext ctx) {
        return visit(ctx.primary());
    }

    @Override
    public Expr visitField(IotSqlParser.FieldContext ctx) {
        return new Terms.Field(visit(ctx.postfix()), ctx.identifier().getText());
    }

    @Override
    public Expr visitRefusedIndex(IotSqlParser.RefusedIndexContext ctx) {
        throw error(ctx.getChild(1) instanceof org.antlr.v4.runtime.tree.TerminalNode t ? t.getSymbol() : ctx.getStart(),
                "bracket indexing is not AWS IoT SQL: use get(array, index)");
    }

    @Override
    public Expr visitLiteralPrimary(IotSqlParser.LiteralPrimaryContext ctx) {
        return visit(ctx.literal());
    }

    @Override
    public Expr visitIntegerLiteral(IotSqlParser.IntegerLiteralContext ctx) {
        if (ctx.getText().length() > 1000) {
            throw error(ctx, "number out of range (AWS IoT SQL Ints have 34 digits)");
        }
        return new Terms.Literal(Values.integer(new BigInteger(ctx.getText())));
    }

    @Override
    public Expr visitDecimalLiteral(IotSqlParser.DecimalLiteralContext ctx) {
        BigDecimal value;
        try {
            value = new BigDecimal(ctx.getText(), Values.MATH);
        } catch (NumberFormatException | ArithmeticException outOfRange) {
            value = null;
        }
        if (value == null || !Values.inRange(value)) {
            throw error(ctx, "number out of range " + ctx.getText() + " (AWS IoT SQL Decimals reach 9.999E999)");
        }
        return new Terms.Literal(DecimalNode.valueOf(value));
    }

    @Override
    public Expr visitStringLiteral(IotSqlParser.StringLiteralContext ctx) {
        return new Terms.Literal(TextNode.valueOf(unquote(ctx.anyString().getStart())));
    }

    @Override
    public Expr visitTrueLiteral(IotSqlParser.TrueLiteralContext ctx) {
        return new Terms.Literal(BooleanNode.TRUE);
    }

    @Override
    public Expr visitFalseLiteral(IotSqlParser.FalseLiteralContext ctx) {
        return new Terms.Literal(BooleanNode.FALSE);
    }

    @Override
    public Expr visitNullLiteral(IotSqlParser.NullLiteralContext ctx) {
        return new Terms.Literal(NullNode.getInstance());
    }

    @Override
    public Expr visitAttribute(IotSqlParser.AttributeContext ctx) {
        return new Terms.Attribute(ctx.identifier().getText());
    }

    @Override
    public Expr visitParenthesized(IotSqlParser.ParenthesizedContext ctx) {
        return visit(ctx.expression());
    }

    @Override
    public Expr visitCast(IotSqlParser.CastContext ctx) {
        try {
            return Cast.compile(visit(ctx.expression()), ctx.typeName.getText(), context(ctx, "cast"));
        } catch (SqlParseException bad) {
            throw new SyntaxErrors.Abort(bad);
        }
    }

    @Override
    public Expr visitCall(IotSqlParser.CallContext ctx) {
        String name = ctx.identifier().getText();
        FunctionRegistry registry = FunctionRegistry.instance();
        FunctionSpec spec = registry.find(name);
        if (spec == null) {
            String refusal = registry.refusal(name);
            throw error(ctx, refusal != null ? "unsupported function " + name + ": " + refusal
                    : "unknown function " + name);
        }
        if (spec.since2016()) {
            require2016(ctx, name + "()");
        }
        List<Expr> args = new ArrayList<>();
        for (IotSqlParser.ArgumentContext argument : ctx.argument()) {
            args.add(argument instanceof IotSqlParser.StarArgumentContext ? new Terms.Star()
                    : visit(((IotSqlParser.ExpressionArgumentContext) argument).expression()));
        }
        if (args.size() < spec.minArgs() || args.size() > spec.maxArgs()) {
            throw error(ctx, name + "() takes " + arity(spec) + ", not " + args.size());
        }
        try {
            return spec.factory().create(List.copyOf(args), context(ctx, name));
        } catch (SqlParseException bad) {
            throw new SyntaxErrors.Abort(bad);
        }
    }

    private static String arity(FunctionSpec spec) {
        if (spec.maxArgs() == FunctionSpec.VARARGS) {
            return "at least " + spec.minArgs() + " arguments";
        }
        if (spec.minArgs() == spec.maxArgs()) {
            return spec.minArgs() + (spec.minArgs() == 1 ? " argument" : " arguments");
        }
        return spec.minArgs() + " to " + spec.maxArgs() + " arguments";
    }

    private FunctionContext context(ParserRuleContext at, String name) {
        Token start = at.getStart();
        int line = start.getLine() + lineOffset;
        int column = start.getLine() == 1 ? start.getCharPositionInLine() + 1 + columnOffset : start.getCharPositionInLine() + 1;
        return new FunctionContext(version, settings.accountId(), settings.uuids(), settings.warnings(), name, line, column);
    }

    @Override
    public Expr visitCaseExpression(IotSqlParser.CaseExpressionContext ctx) {
        if (ctx.operand == null) {
            throw error(ctx, "searched CASE (CASE WHEN condition THEN ...) is not AWS IoT SQL: write CASE value WHEN match THEN ...");
        }
        List<Expr> whens = new ArrayList<>();
        List<Expr> thens = new ArrayList<>();
        for (IotSqlParser.CaseWhenContext when : ctx.caseWhen()) {
            whens.add(visit(when.when));
            thens.add(visit(when.then));
        }
        return new Terms.Case(visit(ctx.operand), List.copyOf(whens), List.copyOf(thens),
                ctx.elseResult == null ? null : visit(ctx.elseResult));
    }

    @Override
    public Expr visitSubqueryPrimary(IotSqlParser.SubqueryPrimaryContext ctx) {
        require2016(ctx, "a nested SELECT");
        IotSqlParser.SubqueryContext subquery = ctx.subquery();
        Expr where = subquery.whereClause() == null ? null : visit(subquery.whereClause().expression());
        return new Subquery(projection(subquery.selectList()), visit(subquery.source), where);
    }

    @Override
    public Expr visitObjectLiteral(IotSqlParser.ObjectLiteralContext ctx) {
        require2016(ctx, "an object literal");
        List<String> keys = new ArrayList<>();
        List<Expr> values = new ArrayList<>();
        for (IotSqlParser.ObjectEntryContext entry : ctx.objectEntry()) {
            keys.add(unquote(entry.key.getStart()));
            values.add(visit(entry.expression()));
        }
        return new Terms.ObjectLiteral(List.copyOf(keys), List.copyOf(values));
    }

    @Override
    public Expr visitArrayLiteral(IotSqlParser.ArrayLiteralContext ctx) {
        require2016(ctx, "an array literal");
        List<Expr> elements = new ArrayList<>();
        for (IotSqlParser.ExpressionContext element : ctx.expression()) {
            elements.add(visit(element));
        }
        return new Terms.ArrayLiteral(List.copyOf(elements));
    }

    /** A string literal's text: quotes removed, a backslash before the quote or a backslash unescaped, other backslashes kept (regexes). */
    static String unquote(Token token) {
        String text = token.getText();
        char quote = text.charAt(0);
        String body = text.substring(1, text.length() - 1);
        if (body.indexOf('\\') < 0) {
            return body;
        }
        StringBuilder out = new StringBuilder(body.length());
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\\' && i + 1 < body.length() && (body.charAt(i + 1) == quote || body.charAt(i + 1) == '\\')) {
                out.append(body.charAt(++i));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
