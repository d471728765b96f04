package dev.iotcorelocal.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.iotcorelocal.registry.Thing;
import dev.iotcorelocal.registry.ThingGroup;
import dev.iotcorelocal.registry.ThingRegistry;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Static thing groups of the iot control plane: hierarchy, membership and their listings. */
public final class ThingGroupsApi implements ApiModule {
    private final ThingRegistry registry;

    public ThingGroupsApi(ThingRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void register(RouteTable routes) {
        routes.on(ApiService.CONTROL, "CreateThingGroup", this::createThingGroup)
                .on(ApiService.CONTROL, "DescribeThingGroup", this::describeThingGroup)
                .on(ApiService.CONTROL, "ListThingGroups", this::listThingGroups)
                .on(ApiService.CONTROL, "DeleteThingGroup", this::deleteThingGroup)
                .on(ApiService.CONTROL, "AddThingToThingGroup", request -> membership(request, true))
                .on(ApiService.CONTROL, "RemoveThingFromThingGroup", request -> membership(request, false))
                .on(ApiService.CONTROL, "ListThingsInThingGroup", this::listThingsInThingGroup)
                .on(ApiService.CONTROL, "ListThingGroupsForThing", this::listThingGroupsForThing);
    }

    record AttributePayload(@JsonProperty("attributes") Map<String, String> attributes,
                            @JsonProperty("merge") Boolean merge) {
    }

    record ThingGroupProperties(@JsonProperty("thingGroupDescription") String thingGroupDescription,
                                @JsonProperty("attributePayload") AttributePayload attributePayload) {
    }

    record CreateThingGroupRequest(@JsonProperty("parentGroupName") String parentGroupName,
                                   @JsonProperty("thingGroupProperties") ThingGroupProperties thingGroupProperties) {
    }

    record CreateThingGroupResponse(String thingGroupName, String thingGroupArn, String thingGroupId) {
    }

    private ApiResponse createThingGroup(ApiRequest request) {
        String name = Names.check(request.path("thingGroupName"), "thingGroupName");
        CreateThingGroupRequest body = request.json(CreateThingGroupRequest.class);
        ThingGroupProperties properties = body.thingGroupProperties();
        String description = properties == null ? null : properties.thingGroupDescription();
        if (description != null && description.length() > 2028) {
            throw AwsException.invalidRequest("thingGroupDescription must be at most 2028 characters.");
        }
        Map<String, String> attributes = properties == null || properties.attributePayload() == null
                || properties.attributePayload().attributes() == null ? Map.of()
                : Names.attributes(properties.attributePayload().attributes());
        ThingGroup group = registry.createGroup(name, Names.check(body.parentGroupName(), "parentGroupName"),
                description, attributes);
        return ApiResponse.json(new CreateThingGroupResponse(group.name(), group.arn(), group.id()));
    }

    record GroupNameAndArn(String groupName, String groupArn) {
    }

    record ThingGroupMetadata(String parentGroupName, List<GroupNameAndArn> rootToParentThingGroups,
                              BigDecimal creationDate) {
    }

    record DescribeThingGroupResponse(String thingGroupName, String thingGroupId, String thingGroupArn, long version,
                                      ThingGroupProperties thingGroupProperties, ThingGroupMetadata thingGroupMetadata) {
    }

    private ApiResponse describeThingGroup(ApiRequest request) {
        ThingRegistry.State state = registry.snapshot();
        ThingGroup g = registry.group(Names.check(request.path("thingGroupName"), "thingGroupName"));
        List<GroupNameAndArn> ancestors = registry.ancestors(state, g).stream()
                .map(a -> new GroupNameAndArn(a.name(), a.arn())).toList();
        return ApiResponse.json(new DescribeThingGroupResponse(g.name(), g.id(), g.arn(), g.version(),
                new ThingGroupProperties(g.description(), new AttributePayload(g.attributes(), null)),
                new ThingGroupMetadata(g.parentName(), ancestors, Json.epochSeconds(g.creationDate()))));
    }

    record GroupList(List<GroupNameAndArn> thingGroups, String nextToken) {
    }

    private ApiResponse listThingGroups(ApiRequest request) {
        ThingRegistry.State state = registry.snapshot();
        String parent = Names.check(request.query("parentGroup"), "parentGroup");
        String prefix = Names.check(request.query("namePrefixFilter"), "namePrefixFilter");
        boolean recursive = request.queryBoolean("recursive", true);
        Set<String> under = null;
        if (parent != null) {
            registry.group(parent);
            under = new HashSet<>();
            for (ThingGroup g : state.groups().values()) {
                if (parent.equals(g.parentName())) {
                    under.add(g.name());
                }
            }
            if (recursive) {
                under.addAll(registry.descendants(state, parent));
            }
        }
        Set<String> allowed = under;
        List<ThingGroup> matching = state.groups().values().stream()
                .filter(g -> allowed == null || allowed.contains(g.name()))
                .filter(g -> prefix == null || g.name().startsWith(prefix)).toList();
        Pages.Page<ThingGroup> page = Pages.of(matching, ThingGroup::name, request, 250);
        return ApiResponse.json(new GroupList(page.items().stream().map(g -> new GroupNameAndArn(g.name(), g.arn()))
                .toList(), page.nextToken()));
    }

    private ApiResponse deleteThingGroup(ApiRequest request) {
        registry.deleteGroup(Names.check(request.path("thingGroupName"), "thingGroupName"),
                request.queryLong("expectedVersion", Long.MIN_VALUE, Long.MAX_VALUE));
        return ApiResponse.empty();
    }

    record MembershipRequest(@JsonProperty("thingGroupName") String thingGroupName,
                             @JsonProperty("thingGroupArn") String thingGroupArn,
                             @JsonProperty("thingName") String thingName,
                             @JsonProperty("thingArn") String thingArn) {
    }

    private ApiResponse membership(ApiRequest request, boolean add) {
        MembershipRequest body = request.json(MembershipRequest.class);
        String group = Names.check(nameOf(body.thingGroupName(), body.thingGroupArn(), "thinggroup/"), "thingGroupName");
        String thing = Names.check(nameOf(body.thingName(), body.thingArn(), "thing/"), "thingName");
        if (add) {
            registry.addThingToGroup(group, thing);
        } else {
            registry.removeThingFromGroup(group, thing);
        }
        return ApiResponse.empty();
    }

    /** A name given directly or as the last part of its ARN ({@code arn:aws:iot:r:a:thing/lamp}). */
    private static String nameOf(String name, String arn, String resourcePrefix) {
        if (name != null) {
            return name;
        }
        if (arn == null) {
            throw AwsException.invalidRequest("Give the " + resourcePrefix.replace("/", "") + " by name or ARN.");
        }
        int at = arn.indexOf(':' + resourcePrefix);
        if (!arn.startsWith("arn:") || at < 0) {
            throw AwsException.invalidRequest("Not a " + resourcePrefix.replace("/", "") + " ARN: " + arn);
        }
        return arn.substring(at + 1 + resourcePrefix.length());
    }

    record ThingNames(List<String> things, String nextToken) {
    }

    private ApiResponse listThingsInThingGroup(ApiRequest request) {
        List<String> names = registry.thingsInGroup(registry.snapshot(),
                Names.check(request.path("thingGroupName"), "thingGroupName"), request.queryBoolean("recursive", false));
        Pages.Page<String> page = Pages.of(names, n -> n, request, 250);
        return ApiResponse.json(new ThingNames(page.items(), page.nextToken()));
    }

    private ApiResponse listThingGroupsForThing(ApiRequest request) {
        ThingRegistry.State state = registry.snapshot();
        Thing thing = registry.thing(Names.check(request.path("thingName"), "thingName"));
        List<ThingGroup> groups = state.groups().values().stream().filter(g -> thing.groups().contains(g.name()))
                .toList();
        Pages.Page<ThingGroup> page = Pages.of(groups, ThingGroup::name, request, 250);
        return ApiResponse.json(new GroupList(page.items().stream().map(g -> new GroupNameAndArn(g.name(), g.arn()))
                .toList(), page.nextToken()));
    }
}
