package dev.iotcorelocal.rules.sql;

import dev.iotcorelocal.routing.TopicFilter;
import dev.iotcorelocal.rules.sql.eval.Expr;
import dev.iotcorelocal.rules.sql.grammar.IotSqlLexer;
import dev.iotcorelocal.rules.sql.grammar.IotSqlParser;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.Token;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * AWS IoT SQL (spec B1, B2) and substitution templates (B3), parsed with the ANTLR 4 grammar
 * {@code IotSql.g4} and compiled once into an expression tree. Thread-safe.
 */
public final class AwsIotSqlCompiler implements SqlCompiler {
    public static final String DEFAULT_ACCOUNT_ID = "123456789012";
    private static final Logger LOG = LoggerFactory.getLogger(AwsIotSqlCompiler.class);

    private final String accountId;
    private final Supplier<UUID> uuids;

    public AwsIotSqlCompiler() {
        this(DEFAULT_ACCOUNT_ID);
    }

    public AwsIotSqlCompiler(String accountId) {
        this(accountId, UUID::randomUUID);
    }

    /** {@code uuids} is what newuuid() answers (tests inject a fixed sequence). */
    public AwsIotSqlCompiler(String accountId, Supplier<UUID> uuids) {
        this.accountId = Objects.requireNonNull(accountId, "accountId");
        this.uuids = Objects.requireNonNull(uuids, "uuids");
    }

    @Override
    public CompiledQuery compile(String sql, SqlVersion version) throws SqlParseException {
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(version, "version");
        Set<String> warnings = new LinkedHashSet<>();
        try {
            IotSqlParser parser = parser(sql, 0, 0);
            IotSqlParser.QueryContext query = parser.query();
            ExpressionBuilder builder = new ExpressionBuilder(settings(warnings), version, 0, 0);
            String from = query.fromClause() == null ? null : fromFilter(query.fromClause(), builder);
            Expr where = query.whereClause() == null ? null : builder.visit(query.whereClause().expression());
            SqlQuery compiled = new SqlQuery(from, version, builder.projection(query.selectList()), where,
                    new ArrayList<>(warnings));
            for (String warning : warnings) {
                LOG.warn("{} (SQL: {})", warning, sql);
            }
            return compiled;
        } catch (SyntaxErrors.Abort abort) {
            throw abort.error;
        } catch (StackOverflowError tooDeep) {
            throw new SqlParseException("SQL nested too deeply", 1, 1);
        }
    }

    @Override
    public CompiledTemplate template(String text, SqlVersion version) throws SqlParseException {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(version, "version");
        Set<String> warnings = new LinkedHashSet<>();
        List<String> texts = new ArrayList<>();
        List<Expr> expressions = new ArrayList<>();
        int position = 0;
        try {
            while (true) {
                int open = text.indexOf("${", position);
                if (open < 0) {
                    texts.add(text.substring(position));
                    break;
                }
                texts.add(text.substring(position, open));
                int start = open + 2;
                int end = TemplateScanner.closingBrace(text, start);
                int line = lineOf(text, start);
                int column = columnOf(text, start);
                if (end < 0) {
                    throw new SqlParseException("unterminated ${ in substitution template at " + lineOf(text, open)
                            + ":" + columnOf(text, open), lineOf(text, open), columnOf(text, open));
                }
                IotSqlParser parser = parser(text.substring(start, end), line - 1, column - 1);
                ExpressionBuilder builder = new ExpressionBuilder(settings(warnings), version, line - 1, column - 1);
                expressions.add(builder.visit(parser.standaloneExpression().expression()));
                position = end + 1;
            }
        } catch (SyntaxErrors.Abort abort) {
            throw abort.error;
        } catch (StackOverflowError tooDeep) {
            throw new SqlParseException("substitution template nested too deeply", 1, 1);
        }
        for (String warning : warnings) {
            LOG.warn("{} (template: {})", warning, text);
        }
        return new SqlTemplate(texts, expressions, version);
    }

    private CompilerSettings settings(Set<String> warnings) {
        return new CompilerSettings(accountId, uuids, warnings::add);
    }

    private static IotSqlParser parser(String text, int lineOffset, int columnOffset) {
        SyntaxErrors errors = new SyntaxErrors(lineOffset, columnOffset);
        IotSqlLexer lexer = new IotSqlLexer(CharStreams.fromString(text));
        lexer.removeErrorListeners();
        lexer.addErrorListener(errors);
        CommonTokenStream tokens = new CommonTokenStream(lexer);
        tokens.fill();
        SyntaxErrors.refuseUnsupportedTokens(tokens.getTokens(), lineOffset, columnOffset);
        IotSqlParser parser = new IotSqlParser(tokens);
        parser.removeErrorListeners();
        parser.addErrorListener(errors);
        return parser;
    }

    private static String fromFilter(IotSqlParser.FromClauseContext from, ExpressionBuilder builder) {
        Token token = from.topicFilter.getStart();
        if (token.getType() != IotSqlLexer.SINGLE_QUOTED) {
            throw builder.error(token, "FROM needs its topic filter in single quotes ('a/b/#')");
        }
        String filter = ExpressionBuilder.unquote(token);
        TopicFilter parsed = TopicFilter.parse(filter);
        if (parsed == null || parsed.isShared()) {
            throw builder.error(token, "FROM '" + filter + "' is not a valid MQTT topic filter"
                    + (parsed != null ? " for a rule (no $share/)" : ""));
        }
        return filter;
    }

    private static int lineOf(String text, int index) {
        int line = 1;
        for (int i = 0; i < index; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static int columnOf(String text, int index) {
        int lineStart = text.lastIndexOf('\n', index - 1) + 1;
        return index - lineStart + 1;
    }
}
