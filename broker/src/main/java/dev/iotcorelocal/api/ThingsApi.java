package dev.iotcorelocal.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.iotcorelocal.registry.Thing;
import dev.iotcorelocal.registry.ThingRegistry;
import dev.iotcorelocal.registry.ThingType;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Things and thing types of the iot control plane, with AWS's shapes, paging and validation. */
public final class ThingsApi implements ApiModule {
    private final ThingRegistry registry;
    private final Predicate<String> hasPrincipals;

    /** @param hasPrincipals whether principals are attached to a thing: DeleteThing is refused while they are */
    public ThingsApi(ThingRegistry registry, Predicate<String> hasPrincipals) {
        this.hasPrincipals = hasPrincipals;
        this.registry = registry;
    }

    @Override
    public void register(RouteTable routes) {
        routes.on(ApiService.CONTROL, "CreateThing", this::createThing)
                .on(ApiService.CONTROL, "DescribeThing", this::describeThing)
                .on(ApiService.CONTROL, "UpdateThing", this::updateThing)
                .on(ApiService.CONTROL, "DeleteThing", this::deleteThing)
                .on(ApiService.CONTROL, "ListThings", this::listThings)
                .on(ApiService.CONTROL, "CreateThingType", this::createThingType)
                .on(ApiService.CONTROL, "DescribeThingType", this::describeThingType)
                .on(ApiService.CONTROL, "ListThingTypes", this::listThingTypes)
                .on(ApiService.CONTROL, "DeprecateThingType", this::deprecateThingType)
                .on(ApiService.CONTROL, "DeleteThingType", this::deleteThingType);
    }

    record AttributePayload(@JsonProperty("attributes") Map<String, String> attributes,
                            @JsonProperty("merge") Boolean merge) {
    }

    record CreateThingRequest(@JsonProperty("thingTypeName") String thingTypeName,
                              @JsonProperty("attributePayload") AttributePayload attributePayload,
                              @JsonProperty("billingGroupName") String billingGroupName) {
    }

    record CreateThingResponse(String thingName, String thingArn, String thingId) {
    }

    private ApiResponse createThing(ApiRequest request) {
        String name = Names.check(request.path("thingName"), "thingName");
        CreateThingRequest body = request.json(CreateThingRequest.class);
        if (body.billingGroupName() != null) {
            throw AwsException.notImplemented("billing groups (CreateThing billingGroupName)");
        }
        Map<String, String> attributes = body.attributePayload() == null || body.attributePayload().attributes() == null
                ? Map.of() : Names.attributes(body.attributePayload().attributes());
        Thing thing = registry.createThing(name, Names.check(body.thingTypeName(), "thingTypeName"), attributes);
        return ApiResponse.json(new CreateThingResponse(thing.name(), thing.arn(), thing.id()));
    }

    record DescribeThingResponse(String defaultClientId, String thingName, String thingId, String thingArn,
                                 String thingTypeName, Map<String, String> attributes, long version) {
    }

    private ApiResponse describeThing(ApiRequest request) {
        Thing thing = registry.thing(Names.check(request.path("thingName"), "thingName"));
        return ApiResponse.json(new DescribeThingResponse(thing.name(), thing.name(), thing.id(), thing.arn(),
                thing.typeName(), thing.attributes(), thing.version()));
    }

    record UpdateThingRequest(@JsonProperty("thingTypeName") String thingTypeName,
                              @JsonProperty("attributePayload") AttributePayload attributePayload,
                              @JsonProperty("expectedVersion") Long expectedVersion,
                              @JsonProperty("removeThingType") Boolean removeThingType) {
    }

    private ApiResponse updateThing(ApiRequest request) {
        String name = Names.check(request.path("thingName"), "thingName");
        UpdateThingRequest body = request.json(UpdateThingRequest.class);
        AttributePayload payload = body.attributePayload();
        registry.updateThing(name, Names.check(body.thingTypeName(), "thingTypeName"),
                Boolean.TRUE.equals(body.removeThingType()),
                payload == null ? null : Names.attributes(payload.attributes() == null ? Map.of() : payload.attributes()),
                payload != null && Boolean.TRUE.equals(payload.merge()), body.expectedVersion());
        return ApiResponse.empty();
    }

    private ApiResponse deleteThing(ApiRequest request) {
        registry.deleteThing(Names.check(request.path("thingName"), "thingName"),
                request.queryLong("expectedVersion", Long.MIN_VALUE, Long.MAX_VALUE), hasPrincipals);
        return ApiResponse.empty();
    }

    record ThingAttribute(String thingName, String thingTypeName, String thingArn, Map<String, String> attributes,
                          long version) {
    }

    record ListThingsResponse(List<ThingAttribute> things, String nextToken) {
    }

    private ApiResponse listThings(ApiRequest request) {
        String attributeName = request.query("attributeName");
        String attributeValue = request.query("attributeValue");
        String typeName = Names.check(request.query("thingTypeName"), "thingTypeName");
        boolean prefix = request.queryBoolean("usePrefixAttributeValue", false);
        if (attributeValue != null && attributeName == null) {
            throw AwsException.invalidRequest("attributeValue needs attributeName.");
        }
        List<Thing> matching = registry.snapshot().things().values().stream()
                .filter(t -> typeName == null || typeName.equals(t.typeName()))
                .filter(t -> attributeName == null || matches(t.attributes().get(attributeName), attributeValue, prefix))
                .toList();
        Pages.Page<Thing> page = Pages.of(matching, Thing::name, request, 250);
        return ApiResponse.json(new ListThingsResponse(page.items().stream().map(t -> new ThingAttribute(t.name(),
                t.typeName(), t.arn(), t.attributes(), t.version())).toList(), page.nextToken()));
    }

    private static boolean matches(String actual, String wanted, boolean prefix) {
        if (actual == null) {
            return false;
        }
        return wanted == null || (prefix ? actual.startsWith(wanted) : actual.equals(wanted));
    }

    record ThingTypeProperties(@JsonProperty("thingTypeDescription") String thingTypeDescription,
                               @JsonProperty("searchableAttributes") List<String> searchableAttributes) {
    }

    record CreateThingTypeRequest(@JsonProperty("thingTypeProperties") ThingTypeProperties thingTypeProperties) {
    }

    record CreateThingTypeResponse(String thingTypeName, String thingTypeArn, String thingTypeId) {
    }

    private ApiResponse createThingType(ApiRequest request) {
        String name = Names.check(request.path("thingTypeName"), "thingTypeName");
        ThingTypeProperties properties = request.json(CreateThingTypeRequest.class).thingTypeProperties();
        String description = properties == null ? null : properties.thingTypeDescription();
        if (description != null && description.length() > 2028) {
            throw AwsException.invalidRequest("thingTypeDescription must be at most 2028 characters.");
        }
        List<String> searchable = properties == null || properties.searchableAttributes() == null ? List.of()
                : properties.searchableAttributes();
        if (searchable.size() > 3) {
            throw AwsException.invalidRequest("A thing type has at most 3 searchable attributes.");
        }
        ThingType type = registry.createType(name, description, searchable);
        return ApiResponse.json(new CreateThingTypeResponse(type.name(), type.arn(), type.id()));
    }

    record ThingTypeMetadata(boolean deprecated, BigDecimal deprecationDate, BigDecimal creationDate) {
    }

    record ThingTypeDescription(String thingTypeName, String thingTypeId, String thingTypeArn,
                                ThingTypeProperties thingTypeProperties, ThingTypeMetadata thingTypeMetadata) {
    }

    private static ThingTypeDescription describe(ThingType t) {
        return new ThingTypeDescription(t.name(), t.id(), t.arn(),
                new ThingTypeProperties(t.description(), t.searchableAttributes()),
                new ThingTypeMetadata(t.deprecated(), t.deprecationDate() == null ? null
                        : Json.epochSeconds(t.deprecationDate()), Json.epochSeconds(t.creationDate())));
    }

    private ApiResponse describeThingType(ApiRequest request) {
        return ApiResponse.json(describe(registry.type(Names.check(request.path("thingTypeName"), "thingTypeName"))));
    }

    record ListThingTypesResponse(List<ThingTypeDescription> thingTypes, String nextToken) {
    }

    private ApiResponse listThingTypes(ApiRequest request) {
        String name = Names.check(request.query("thingTypeName"), "thingTypeName");
        List<ThingType> matching = registry.snapshot().types().values().stream()
                .filter(t -> name == null || t.name().equals(name)).toList();
        Pages.Page<ThingType> page = Pages.of(matching, ThingType::name, request, 250);
        // ListThingTypes' definitions carry no thingTypeId in the model
        return ApiResponse.json(new ListThingTypesResponse(page.items().stream().map(ThingsApi::describe)
                .map(d -> new ThingTypeDescription(d.thingTypeName(), null, d.thingTypeArn(), d.thingTypeProperties(),
                        d.thingTypeMetadata())).toList(), page.nextToken()));
    }

    record DeprecateRequest(@JsonProperty("undoDeprecate") Boolean undoDeprecate) {
    }

    private ApiResponse deprecateThingType(ApiRequest request) {
        registry.deprecateType(Names.check(request.path("thingTypeName"), "thingTypeName"),
                Boolean.TRUE.equals(request.json(DeprecateRequest.class).undoDeprecate()));
        return ApiResponse.empty();
    }

    private ApiResponse deleteThingType(ApiRequest request) {
        registry.deleteType(Names.check(request.path("thingTypeName"), "thingTypeName"));
        return ApiResponse.empty();
    }
}
