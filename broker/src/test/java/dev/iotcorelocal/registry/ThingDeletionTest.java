package dev.iotcorelocal.registry;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** DeleteThing with the security registry beside it: refused while a principal is attached, as on AWS. */
class ThingDeletionTest {
    private final RegistryFixture fixture = new RegistryFixture();
    private final ThingRegistry things = new ThingRegistry(new AwsAccount("123456789012", "us-east-1"),
            fixture.clock);

    private boolean hasPrincipals(String thing) {
        return !fixture.registry.snapshot().principalsOf(thing).isEmpty();
    }

    @Test
    void aThingWithAnAttachedPrincipalIsKeptUntilThePrincipalIsDetached() {
        things.createThing("lamp", null, Map.of());
        fixture.things.things.add("lamp");
        DeviceCertificate cert = fixture.registry.certificates().createKeysAndCertificate(true).certificate();
        fixture.registry.attachments().attachThingPrincipal("lamp", cert.arn(), null);

        assertThatThrownBy(() -> things.deleteThing("lamp", null, this::hasPrincipals))
                .isInstanceOfSatisfying(RegistryRefusal.class, e -> {
                    assertThat(e.error()).isEqualTo(RegistryError.INVALID_REQUEST);
                    assertThat(e.getMessage()).isEqualTo("Cannot delete. Thing lamp is still attached to one or more principals");
                });
        assertThat(things.thing("lamp")).isNotNull();

        fixture.registry.attachments().detachThingPrincipal("lamp", cert.arn());
        things.deleteThing("lamp", null, this::hasPrincipals);
        assertThatThrownBy(() -> things.thing("lamp")).isInstanceOfSatisfying(RegistryRefusal.class,
                e -> assertThat(e.error()).isEqualTo(RegistryError.RESOURCE_NOT_FOUND));
    }

    @Test
    void theVersionIsCheckedAndAMissingThingIsDeletedQuietly() {
        things.createThing("fan", null, Map.of());
        assertThatThrownBy(() -> things.deleteThing("fan", 7L, thing -> false)).isInstanceOfSatisfying(
                RegistryRefusal.class, e -> assertThat(e.error()).isEqualTo(RegistryError.VERSION_CONFLICT));
        assertThat(things.thing("fan")).isNotNull();
        things.deleteThing("ghost", null, thing -> {
            throw new AssertionError("no thing, nothing to ask");
        });
    }
}
