package dev.iotcorelocal.app;

import dev.iotcorelocal.config.BrokerConfig;
import dev.iotcorelocal.limits.Violation;
import dev.iotcorelocal.protocol.ApplicationPublisher;
import dev.iotcorelocal.rules.ActionRegistry;
import dev.iotcorelocal.rules.InMemoryRuleStore;
import dev.iotcorelocal.rules.RuleCompiler;
import dev.iotcorelocal.rules.RuleStore;
import dev.iotcorelocal.rules.RulesEngine;
import dev.iotcorelocal.rules.RulesFile;
import dev.iotcorelocal.rules.TopicRules;
import dev.iotcorelocal.rules.action.ActionFactory;
import dev.iotcorelocal.rules.action.aws.AwsActions;
import dev.iotcorelocal.rules.action.http.HttpActions;
import dev.iotcorelocal.rules.action.republish.RepublishActionFactory;
import dev.iotcorelocal.rules.action.republish.Republisher;
import dev.iotcorelocal.rules.sql.AwsIotSqlCompiler;
import dev.iotcorelocal.rules.sql.SqlCompiler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** The rules engine's parts: the action types, the SQL compiler, the store with the start-up file, the threads. */
final class RulesAssembly {
    private static final Logger LOG = LoggerFactory.getLogger(RulesAssembly.class);

    private RulesAssembly() {
    }

    /**
     * Every action type a rule can use, in ONE place: a new type is one line here. A key nobody
     * registered loads and fails as not emulated (spec B4).
     */
    static List<ActionFactory> actionFactories(Republisher republisher, AwsActions aws, HttpActions http) {
        List<ActionFactory> factories = new ArrayList<>();
        factories.add(new RepublishActionFactory(republisher));
        factories.add(http.factory());
        factories.addAll(aws.factories()); // lambda, sqs, sns, dynamoDBv2, dynamoDB, s3, kinesis, firehose, cloudwatchLogs
        return List.copyOf(factories);
    }

    /** The control plane's rules with the start-up file applied; no thread is started yet. */
    /** @param aws, http the service actions' clients, which the caller closes at stop */
    static TopicRules rules(BrokerConfig config, Clock clock, RuleStore store, ApplicationPublisher publisher,
                            AwsActions aws, HttpActions http) {
        SqlCompiler sql = new AwsIotSqlCompiler(config.aws().accountId());
        ActionRegistry actions = new ActionRegistry(actionFactories(republisher(publisher), aws, http));
        TopicRules rules = new TopicRules(store, new RuleCompiler(sql, actions, config.rules().awsEndpoint(),
                config.aws().region(), config.aws().accountId()), clock);
        if (!config.rules().file().isEmpty()) {
            Path file = Path.of(config.rules().file()).toAbsolutePath().normalize();
            try {
                LOG.info("Created {} topic rules from {}", RulesFile.apply(file, rules), file);
            } catch (RulesFile.RulesFileException e) {
                throw new BrokerStartException(e.getMessage(), e);
            }
        }
        return rules;
    }

    static RuleStore store(BrokerConfig config) {
        return new InMemoryRuleStore(config.mqtt().hashMatchesParent());
    }

    static RulesEngine engine(BrokerConfig config, Clock clock, RuleStore store) {
        return RulesEngine.start(store, clock, config.rules().threads(), config.rules().queueCapacity(),
                config.rules().republishMaxDepth());
    }

    /** Republished messages go through the broker's own publisher: retain off, no publisher client ID. */
    private static Republisher republisher(ApplicationPublisher publisher) {
        return (topic, payload, qos, properties) -> {
            Violation refused = publisher.publish(topic, payload, qos, false, properties, null);
            return refused == null ? null : refused.text();
        };
    }
}
