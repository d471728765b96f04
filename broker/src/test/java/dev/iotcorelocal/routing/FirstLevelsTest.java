package dev.iotcorelocal.routing;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The first-level bitmap that lets a topic no filter can match skip the trie walk. */
class FirstLevelsTest {
    @Test
    void everyKnownFirstLevelIsMaybeContainedWhateverFollowsIt() {
        List<String> levels = IntStream.range(0, 500).mapToObj(i -> "fleet-" + i).toList();
        FirstLevels set = FirstLevels.of(levels);

        for (String level : levels) {
            assertThat(set.mayContainFirstLevelOf(level)).as(level).isTrue();
            assertThat(set.mayContainFirstLevelOf(level + "/a/b")).as(level + "/a/b").isTrue();
            assertThat(set.mayContainFirstLevelOf(level + "/")).as(level + "/").isTrue();
        }
    }

    @Test
    void theEmptyFirstLevelIsALevelLikeAnyOther() {
        assertThat(FirstLevels.of(Set.of("")).mayContainFirstLevelOf("/a")).isTrue();
        assertThat(FirstLevels.of(Set.of("")).mayContainFirstLevelOf("")).isTrue();
        assertThat(FirstLevels.of(Set.of("a")).mayContainFirstLevelOf("/a")).isFalse();
    }

    @Test
    void mostUnknownFirstLevelsAreRuledOut() {
        FirstLevels set = FirstLevels.of(IntStream.range(0, 100).mapToObj(i -> "fleet-" + i).toList());

        List<String> passed = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            String topic = "bench-" + i + "/in/" + i;
            if (set.mayContainFirstLevelOf(topic)) {
                passed.add(topic);
            }
        }
        // 16 bits per level: about one unknown level in 16 passes, to be settled by the trie.
        assertThat(passed.size()).isLessThan(1_000);
    }
}
