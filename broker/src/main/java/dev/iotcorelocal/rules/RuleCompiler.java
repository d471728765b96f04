package dev.iotcorelocal.rules;

import dev.iotcorelocal.rules.action.ActionEnvironment;
import dev.iotcorelocal.rules.action.RuleAction;
import dev.iotcorelocal.rules.sql.CompiledQuery;
import dev.iotcorelocal.rules.sql.CompiledTemplate;
import dev.iotcorelocal.rules.sql.SqlCompiler;
import dev.iotcorelocal.rules.sql.SqlParseException;
import dev.iotcorelocal.rules.sql.SqlVersion;
import dev.iotcorelocal.routing.TopicFilter;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a checked payload into a {@link CompiledRule}: the SQL compiled (SqlParseException with
 * AWS's message and its position), the FROM filter checked, every action built by its factory.
 * Runs on the caller's thread (an HTTP worker, the start-up), never an event loop.
 */
public final class RuleCompiler {
    private final SqlCompiler sql;
    private final ActionRegistry actions;
    private final URI awsEndpoint;
    private final String region;
    private final String accountId;

    public RuleCompiler(SqlCompiler sql, ActionRegistry actions, URI awsEndpoint, String region, String accountId) {
        this.sql = sql;
        this.actions = actions;
        this.awsEndpoint = awsEndpoint;
        this.region = region;
        this.accountId = accountId;
    }

    public String arn(String ruleName) {
        return "arn:aws:iot:" + region + ":" + accountId + ":rule/" + ruleName;
    }

    CompiledRule compile(String name, RulePayload payload, Instant createdAt, RuleCounters counters) {
        CompiledQuery query;
        try {
            query = sql.compile(payload.sql(), payload.version());
        } catch (SqlParseException e) {
            throw sqlParse(e);
        }
        String filter = query.fromFilter();
        if (filter != null) {
            TopicFilter parsed = TopicFilter.parse(filter);
            if (parsed == null || parsed.isShared()) {
                throw new RuleException(RuleException.Kind.SQL_PARSE, "FROM '" + filter
                        + "' is not a valid topic filter.");
            }
        }
        ActionEnvironment environment = new Environment(payload.version());
        List<RuleAction> built = new ArrayList<>();
        for (int i = 0; i < payload.actions().size(); i++) {
            built.add(actions.create(name, payload.actions().get(i), "actions[" + i + "]", environment));
        }
        RuleAction errorAction = payload.errorAction() == null ? null
                : actions.create(name, payload.errorAction(), "errorAction", environment);
        TopicRule rule = new TopicRule(name, arn(name), payload.sql(), payload.description(),
                payload.awsIotSqlVersion(), payload.disabled(), payload.actions(), payload.errorAction(), createdAt);
        return new CompiledRule(rule, query, built, errorAction, counters);
    }

    static RuleException sqlParse(SqlParseException e) {
        return new RuleException(RuleException.Kind.SQL_PARSE, e.getMessage() + " (line " + e.line() + ", column "
                + e.column() + ")");
    }

    private final class Environment implements ActionEnvironment {
        private final SqlVersion version;

        Environment(SqlVersion version) {
            this.version = version;
        }

        @Override
        public CompiledTemplate template(String text) throws SqlParseException {
            return sql.template(text, version);
        }

        @Override
        public URI awsEndpoint() {
            return awsEndpoint;
        }

        @Override
        public String region() {
            return region;
        }
    }
}
