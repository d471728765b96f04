package dev.iotcorelocal.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iotcorelocal.rules.RuleException;
import dev.iotcorelocal.rules.TopicRule;
import dev.iotcorelocal.rules.TopicRules;

import java.math.BigDecimal;
import java.util.List;

/**
 * Topic rules of the iot control plane: Create/Replace/Get/List/Delete/Enable/DisableTopicRule,
 * with AWS's request and response shapes. The request body is the {@code topicRulePayload}
 * itself (the operations' HTTP payload member).
 */
public final class RulesApi implements ApiModule {
    private final TopicRules rules;

    public RulesApi(TopicRules rules) {
        this.rules = rules;
    }

    @Override
    public void register(RouteTable routes) {
        routes.on(ApiService.CONTROL, "CreateTopicRule", translated(this::create))
                .on(ApiService.CONTROL, "ReplaceTopicRule", translated(this::replace))
                .on(ApiService.CONTROL, "GetTopicRule", translated(this::get))
                .on(ApiService.CONTROL, "ListTopicRules", translated(this::list))
                .on(ApiService.CONTROL, "DeleteTopicRule", translated(this::delete))
                .on(ApiService.CONTROL, "EnableTopicRule", translated(request -> setDisabled(request, false)))
                .on(ApiService.CONTROL, "DisableTopicRule", translated(request -> setDisabled(request, true)));
    }

    private ApiResponse create(ApiRequest request) {
        rules.create(request.path("ruleName"), payload(request), request.body().length);
        return ApiResponse.empty();
    }

    private ApiResponse replace(ApiRequest request) {
        rules.replace(request.path("ruleName"), payload(request), request.body().length);
        return ApiResponse.empty();
    }

    private static JsonNode payload(ApiRequest request) {
        if (request.body().length == 0) {
            throw AwsException.invalidRequest("topicRulePayload is required.");
        }
        return request.json();
    }

    record Rule(String ruleName, String sql, String description, BigDecimal createdAt, List<JsonNode> actions,
                boolean ruleDisabled, String awsIotSqlVersion, JsonNode errorAction) {
    }

    record GetTopicRuleResponse(String ruleArn, Rule rule) {
    }

    private ApiResponse get(ApiRequest request) {
        TopicRule rule = rules.get(request.path("ruleName"));
        return ApiResponse.json(new GetTopicRuleResponse(rule.arn(), new Rule(rule.name(), rule.sql(),
                rule.description(), Json.epochSeconds(rule.createdAt()), rule.actions(), rule.disabled(),
                rule.awsIotSqlVersion(), rule.errorAction())));
    }

    record ListItem(String ruleArn, String ruleName, String topicPattern, BigDecimal createdAt, boolean ruleDisabled) {
    }

    record ListTopicRulesResponse(List<ListItem> rules, String nextToken) {
    }

    private ApiResponse list(ApiRequest request) {
        String disabled = request.query("ruleDisabled");
        List<TopicRule> matching = rules.list(request.query("topic"),
                disabled == null ? null : request.queryBoolean("ruleDisabled", false));
        Pages.Page<TopicRule> page = Pages.of(matching, TopicRule::name, request, 10_000);
        return ApiResponse.json(new ListTopicRulesResponse(page.items().stream()
                .map(rule -> new ListItem(rule.arn(), rule.name(), rules.fromFilter(rule.name()),
                        Json.epochSeconds(rule.createdAt()), rule.disabled()))
                .toList(), page.nextToken()));
    }

    private ApiResponse delete(ApiRequest request) {
        rules.delete(request.path("ruleName"));
        return ApiResponse.empty();
    }

    private ApiResponse setDisabled(ApiRequest request, boolean disabled) {
        rules.setDisabled(request.path("ruleName"), disabled);
        return ApiResponse.empty();
    }

    /** The rules' refusals as the AWS errors they name. */
    private static ApiHandler translated(ApiHandler handler) {
        return request -> {
            try {
                return handler.handle(request);
            } catch (RuleException e) {
                throw switch (e.kind()) {
                    case INVALID -> AwsException.invalidRequest(e.getMessage());
                    case SQL_PARSE -> new AwsException("SqlParseException", 400, e.getMessage());
                    case ALREADY_EXISTS -> new AwsException("ResourceAlreadyExistsException", 409, e.getMessage());
                    case NOT_FOUND -> AwsException.unauthorized(e.getMessage());
                    case LIMIT_EXCEEDED -> new AwsException("LimitExceededException", 410, e.getMessage());
                };
            }
        };
    }
}
