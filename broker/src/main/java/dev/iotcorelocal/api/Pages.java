package dev.iotcorelocal.api;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** nextToken/maxResults paging over a list ordered by key: the token names the last key returned. */
final class Pages {
    private static final int DEFAULT_SIZE = 50;

    private Pages() {
    }

    record Page<T>(List<T> items, String nextToken) {
    }

    static <T> Page<T> of(List<T> ordered, Function<T, String> key, ApiRequest request, int maxResults) {
        Long size = request.queryLong("maxResults", 1, maxResults);
        int limit = size == null ? Math.min(DEFAULT_SIZE, maxResults) : size.intValue();
        String after = PageToken.decode(request.query("nextToken"));
        List<T> page = new ArrayList<>();
        for (T item : ordered) {
            if (after != null && key.apply(item).compareTo(after) <= 0) {
                continue;
            }
            if (page.size() == limit) {
                return new Page<>(page, PageToken.encode(key.apply(page.get(limit - 1))));
            }
            page.add(item);
        }
        return new Page<>(page, null);
    }
}
