package dev.iotcorelocal.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.iotcorelocal.registry.Page;
import dev.iotcorelocal.registry.TagService;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.iotcorelocal.api.ApiService.CONTROL;

/** TagResource, UntagResource, ListTagsForResource. */
public final class TagsApi implements ApiModule {
    private final TagService tags;

    public TagsApi(TagService tags) {
        this.tags = tags;
    }

    @Override
    public void register(RouteTable routes) {
        routes.on(CONTROL, "TagResource", this::tag)
                .on(CONTROL, "UntagResource", this::untag)
                .on(CONTROL, "ListTagsForResource", this::list);
    }

    private ApiResponse tag(ApiRequest request) {
        TagBody body = request.json(TagBody.class);
        if (body.tags() == null) {
            throw AwsException.invalidRequest("tags is required");
        }
        tags.tag(body.resourceArn(), toMap(body.tags()));
        return ApiResponse.empty();
    }

    private ApiResponse untag(ApiRequest request) {
        UntagBody body = request.json(UntagBody.class);
        tags.untag(body.resourceArn(), body.tagKeys());
        return ApiResponse.empty();
    }

    private ApiResponse list(ApiRequest request) {
        List<Tag> all = tags.list(request.query("resourceArn")).entrySet().stream()
                .map(e -> new Tag(e.getKey(), e.getValue())).toList();
        Page<Tag> page = Page.of(all, request.query("nextToken"), Page.MAX_SIZE, "maxResults");
        return ApiResponse.json(new Listed(page.items(), page.next()));
    }

    /** AWS's tag list as a map; a repeated key keeps its last value. */
    static Map<String, String> toMap(List<Tag> list) {
        Map<String, String> map = new LinkedHashMap<>();
        if (list != null) {
            for (Tag tag : list) {
                if (tag == null || tag.key() == null) {
                    throw AwsException.invalidRequest("every tag needs a Key");
                }
                map.put(tag.key(), tag.value() == null ? "" : tag.value());
            }
        }
        return map;
    }

    record Tag(@JsonProperty("Key") String key, @JsonProperty("Value") String value) {
    }

    record TagBody(String resourceArn, List<Tag> tags) {
    }

    record UntagBody(String resourceArn, List<String> tagKeys) {
    }

    record Listed(List<Tag> tags, String nextToken) {
    }
}
