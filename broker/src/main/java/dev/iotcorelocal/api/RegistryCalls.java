package dev.iotcorelocal.api;

import dev.iotcorelocal.registry.Page;
import dev.iotcorelocal.registry.RegistryRefusal;

import java.util.function.Function;

/** The registry's refusals as AWS's error responses, and the paging query members its listings share. */
final class RegistryCalls {
    private RegistryCalls() {
    }

    /** The handler with every {@link RegistryRefusal} answered as the AWS error it names. */
    static ApiHandler translated(ApiHandler handler) {
        return request -> {
            try {
                return handler.handle(request);
            } catch (RegistryRefusal e) {
                throw new AwsException(e.error().awsType(), e.error().httpStatus(), e.getMessage())
                        .withField("resourceId", e.resourceId()).withField("resourceArn", e.resourceArn());
            }
        };
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
