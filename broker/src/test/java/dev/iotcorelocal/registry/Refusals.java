package dev.iotcorelocal.registry;

import org.assertj.core.api.ThrowableAssert;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Asserts that a call is refused with one AWS error type. */
final class Refusals {
    private Refusals() {
    }

    static RegistryRefusal refused(RegistryError error, ThrowableAssert.ThrowingCallable call) {
        RegistryRefusal[] caught = new RegistryRefusal[1];
        assertThatThrownBy(call).isInstanceOfSatisfying(RegistryRefusal.class, e -> {
            caught[0] = e;
            org.assertj.core.api.Assertions.assertThat(e.error()).as(e.getMessage()).isEqualTo(error);
        });
        return caught[0];
    }
}
