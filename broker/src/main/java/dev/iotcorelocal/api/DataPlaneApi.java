package dev.iotcorelocal.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.iotcorelocal.auth.Authorizer;
import dev.iotcorelocal.config.LimitsConfig;
import dev.iotcorelocal.limits.LimitChecks;
import dev.iotcorelocal.limits.Violation;
import dev.iotcorelocal.message.Message;
import dev.iotcorelocal.protocol.ApplicationPublisher;
import dev.iotcorelocal.routing.RetainedStore;
import dev.iotcorelocal.session.SessionRegistry;

import java.util.ArrayList;
import java.util.List;

/**
 * iot-data: Publish (delivered exactly as an MQTT PUBLISH would be), the retained messages, and
 * DeleteConnection. The shadow operations come with the shadow service.
 */
public final class DataPlaneApi implements ApiModule {
    private final ApplicationPublisher publisher;
    private final RetainedStore<Message> retained;
    private final SessionRegistry sessions;
    private final LimitsConfig limits;
    private final Authorizer authorizer;

    public DataPlaneApi(ApplicationPublisher publisher, RetainedStore<Message> retained, SessionRegistry sessions,
                        LimitsConfig limits, Authorizer authorizer) {
        this.authorizer = authorizer;
        this.publisher = publisher;
        this.retained = retained;
        this.sessions = sessions;
        this.limits = limits;
    }

    @Override
    public void register(RouteTable routes) {
        routes.onIoThread(ApiService.DATA, "Publish", this::publish) // routes as an MQTT event loop would: cheap, non-blocking
                .on(ApiService.DATA, "GetRetainedMessage", this::getRetainedMessage)
                .on(ApiService.DATA, "ListRetainedMessages", this::listRetainedMessages)
                .on(ApiService.DATA, "DeleteConnection", this::deleteConnection);
    }

    private ApiResponse publish(ApiRequest request) {
        String topic = request.path("topic");
        if (topic.indexOf('+') >= 0 || topic.indexOf('#') >= 0 || topic.indexOf('\0') >= 0) {
            throw AwsException.invalidRequest("The topic name must not contain wildcards (+, #) or NUL: " + topic);
        }
        Long qos = request.queryLong("qos", 0, 1);
        boolean retain = request.queryBoolean("retain", false);
        // A TLS client certificate is the principal, as on MQTT; a SigV4 request is IAM's, not emulated: allowed.
        String refusal = authorizer.refuseHttpPublish(request.clientCertificate(), topic, retain);
        if (refusal != null) {
            throw AwsException.forbidden(refusal);
        }
        Violation violation = publisher.publish(topic, request.body(), qos == null ? 0 : qos.intValue(), retain,
                HttpPublishProperties.of(request), null);
        if (violation != null) {
            throw refusal(violation);
        }
        return ApiResponse.empty();
    }

    /** A publish the MQTT side would refuse, in the HTTP terms of iot-data. */
    private static AwsException refusal(Violation violation) {
        return switch (violation.limit()) {
            case PAYLOAD_SIZE -> AwsException.requestEntityTooLarge(violation.text());
            case RESERVED_TOPIC, RETAIN_ON_RESERVED_TOPIC -> AwsException.forbidden(violation.text());
            case RETAINED_MESSAGES -> AwsException.throttling("Retained messages are at their bound ("
                    + violation.text() + "): delete some or raise the bound");
            default -> AwsException.invalidRequest(violation.text());
        };
    }

    record RetainedMessage(@JsonProperty("topic") String topic, @JsonProperty("payload") byte[] payload,
                           @JsonProperty("qos") int qos, @JsonProperty("lastModifiedTime") long lastModifiedTime,
                           @JsonProperty("userProperties") String userProperties) {
    }

    private ApiResponse getRetainedMessage(ApiRequest request) {
        String topic = request.path("topic");
        RetainedStore.Entry<Message> entry = live(retained.entry(topic));
        if (entry == null) {
            throw AwsException.resourceNotFound("No retained message exists on the topic " + topic + ".");
        }
        Message message = entry.message();
        return ApiResponse.json(new RetainedMessage(topic, message.payload(), message.qos(), entry.storedAt(),
                HttpPublishProperties.encode(message.properties().userProperties())));
    }

    record RetainedSummary(@JsonProperty("topic") String topic, @JsonProperty("payloadSize") long payloadSize,
                           @JsonProperty("qos") int qos, @JsonProperty("lastModifiedTime") long lastModifiedTime) {
    }

    record RetainedList(@JsonProperty("retainedTopics") List<RetainedSummary> retainedTopics,
                        @JsonProperty("nextToken") String nextToken) {
    }

    private ApiResponse listRetainedMessages(ApiRequest request) {
        Long maxResults = request.queryLong("maxResults", 1, 200);
        String after = PageToken.decode(request.query("nextToken"));
        int limit = maxResults == null ? 50 : maxResults.intValue();
        List<RetainedSummary> page = new ArrayList<>();
        String next = null;
        for (RetainedStore.Entry<Message> entry : retained.entries()) {
            if (after != null && entry.topic().compareTo(after) <= 0 || live(entry) == null) {
                continue;
            }
            if (page.size() == limit) {
                next = PageToken.encode(page.get(page.size() - 1).topic());
                break;
            }
            Message message = entry.message();
            page.add(new RetainedSummary(entry.topic(), message.payload().length, message.qos(), entry.storedAt()));
        }
        return ApiResponse.json(new RetainedList(page, next));
    }

    private RetainedStore.Entry<Message> live(RetainedStore.Entry<Message> entry) {
        return entry == null || entry.message().isExpired(publisher.nowMillis()) ? null : entry;
    }

    private ApiResponse deleteConnection(ApiRequest request) {
        String clientId = request.path("clientId");
        Violation violation = LimitChecks.clientId(clientId, limits);
        if (violation != null) {
            throw AwsException.invalidRequest("Invalid client ID: " + violation.text());
        }
        boolean cleanSession = request.queryBoolean("cleanSession", false);
        boolean preventWill = request.queryBoolean("preventWillMessage", false);
        if (!sessions.disconnect(clientId, cleanSession, preventWill)) {
            throw AwsException.resourceNotFound("The client " + clientId
                    + " is not connected and has no persistent session.");
        }
        return ApiResponse.empty();
    }
}
