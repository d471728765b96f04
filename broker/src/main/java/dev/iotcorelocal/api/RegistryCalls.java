package dev.iotcorelocal.api;

import dev.iotcorelocal.registry.Page;

import java.util.function.Function;

/** The paging and header query members the registry's listings share (refusals are the dispatcher's: AwsException.of). */
final class RegistryCalls {
    private RegistryCalls() {
    }

    /** A page size query member (pageSize or maxResults): 1-250, or null for the default. */
    static Integer size(ApiRequest request, String name) {
        Long value = request.queryLong(name, 1, Page.MAX_SIZE);
        return value == null ? null : value.intValue();
    }

    static <T, R> java.util.List<R> map(Page<T> page, Function<T, R> mapper) {
        return page.items().stream().map(mapper).toList();
    }

    /** A required header member (x-amzn-principal, x-amzn-iot-principal). */
    static String requiredHeader(ApiRequest request, String name, String member) {
        String value = request.header(name);
        if (value == null || value.isEmpty()) {
            throw AwsException.invalidRequest(member + " is required (header " + name + ")");
        }
        return value;
    }
}
