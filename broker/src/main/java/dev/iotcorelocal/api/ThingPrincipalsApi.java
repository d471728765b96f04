package dev.iotcorelocal.api;

import dev.iotcorelocal.registry.AttachmentService;
import dev.iotcorelocal.registry.Page;
import dev.iotcorelocal.registry.RegistryState;

import java.util.List;
import java.util.function.Supplier;

import static dev.iotcorelocal.api.ApiService.CONTROL;

/** Certificates on things: Attach/DetachThingPrincipal, ListThingPrincipals[V2], ListPrincipalThings[V2]. */
public final class ThingPrincipalsApi implements ApiModule {
    private static final String PRINCIPAL = "x-amzn-principal";
    private final AttachmentService attachments;
    private final Supplier<RegistryState> snapshot;

    public ThingPrincipalsApi(AttachmentService attachments, Supplier<RegistryState> snapshot) {
        this.attachments = attachments;
        this.snapshot = snapshot;
    }

    @Override
    public void register(RouteTable routes) {
        routes.on(CONTROL, "AttachThingPrincipal", this::attach)
                .on(CONTROL, "DetachThingPrincipal", this::detach)
                .on(CONTROL, "ListThingPrincipals", this::listThingPrincipals)
                .on(CONTROL, "ListThingPrincipalsV2", this::listThingPrincipalsV2)
                .on(CONTROL, "ListPrincipalThings", this::listPrincipalThings)
                .on(CONTROL, "ListPrincipalThingsV2", this::listPrincipalThingsV2);
    }

    private ApiResponse attach(ApiRequest request) {
        attachments.attachThingPrincipal(request.path("thingName"),
                RegistryCalls.requiredHeader(request, PRINCIPAL, "principal"), request.query("thingPrincipalType"));
        return ApiResponse.empty();
    }

    private ApiResponse detach(ApiRequest request) {
        attachments.detachThingPrincipal(request.path("thingName"),
                RegistryCalls.requiredHeader(request, PRINCIPAL, "principal"));
        return ApiResponse.empty();
    }

    private ApiResponse listThingPrincipals(ApiRequest request) {
        Page<String> page = thingPrincipals(request);
        return ApiResponse.json(new Principals(page.items(), page.next()));
    }

    private ApiResponse listThingPrincipalsV2(ApiRequest request) {
        String thing = request.path("thingName");
        Page<String> page = thingPrincipals(request);
        var types = snapshot.get().principalsOf(thing);
        String filter = request.query("thingPrincipalType");
        return ApiResponse.json(new PrincipalObjects(page.items().stream()
                .filter(p -> filter == null || types.get(p) != null && types.get(p).name().equals(filter))
                .map(p -> new PrincipalObject(p, types.get(p) == null ? null : types.get(p).name())).toList(),
                page.next()));
    }

    private ApiResponse listPrincipalThings(ApiRequest request) {
        Page<String> page = principalThings(request);
        return ApiResponse.json(new Things(page.items(), page.next()));
    }

    private ApiResponse listPrincipalThingsV2(ApiRequest request) {
        String principal = RegistryCalls.requiredHeader(request, PRINCIPAL, "principal");
        Page<String> page = principalThings(request);
        RegistryState state = snapshot.get();
        String filter = request.query("thingPrincipalType");
        return ApiResponse.json(new ThingObjects(page.items().stream().map(t -> {
            var type = state.principalsOf(t).get(principal);
            return new ThingObject(t, type == null ? null : type.name());
        }).filter(o -> filter == null || filter.equals(o.thingPrincipalType())).toList(), page.next()));
    }

    private Page<String> thingPrincipals(ApiRequest request) {
        return attachments.listThingPrincipals(request.path("thingName"), request.query("nextToken"),
                RegistryCalls.size(request, "maxResults"));
    }

    private Page<String> principalThings(ApiRequest request) {
        return attachments.listPrincipalThings(RegistryCalls.requiredHeader(request, PRINCIPAL, "principal"),
                request.query("nextToken"), RegistryCalls.size(request, "maxResults"));
    }

    record Principals(List<String> principals, String nextToken) {
    }

    record PrincipalObject(String principal, String thingPrincipalType) {
    }

    record PrincipalObjects(List<PrincipalObject> thingPrincipalObjects, String nextToken) {
    }

    record Things(List<String> things, String nextToken) {
    }

    record ThingObject(String thingName, String thingPrincipalType) {
    }

    record ThingObjects(List<ThingObject> principalThingObjects, String nextToken) {
    }
}
