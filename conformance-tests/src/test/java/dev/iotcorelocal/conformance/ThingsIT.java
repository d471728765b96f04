package dev.iotcorelocal.conformance;

import org.junit.jupiter.api.Test;
import dev.iotcorelocal.junit.IotCoreEndpoints;
import dev.iotcorelocal.junit.IotCoreLocal;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.CreateThingResponse;
import software.amazon.awssdk.services.iot.model.DescribeThingResponse;
import software.amazon.awssdk.services.iot.model.DescribeThingGroupResponse;
import software.amazon.awssdk.services.iot.model.DescribeThingTypeResponse;
import software.amazon.awssdk.services.iot.model.GroupNameAndArn;
import software.amazon.awssdk.services.iot.model.InvalidRequestException;
import software.amazon.awssdk.services.iot.model.IotException;
import software.amazon.awssdk.services.iot.model.ListThingsResponse;
import software.amazon.awssdk.services.iot.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.iot.model.ResourceNotFoundException;
import software.amazon.awssdk.services.iot.model.ThingAttribute;
import software.amazon.awssdk.services.iot.model.VersionConflictException;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Things, thing types and static thing groups through the AWS SDK for Java v2. */
@IotCoreLocal
class ThingsIT {
    private static IotCoreEndpoints broker;

    @BeforeAll
    static void endpoints(IotCoreEndpoints endpoints) {
        broker = endpoints;
    }

    @Test
    void aThingIsCreatedDescribedUpdatedWithMergeAndVersionsAndDeleted() {
        try (IotClient iot = AwsClients.iot(broker)) {
            CreateThingResponse created = iot.createThing(b -> b.thingName("lamp-1")
                    .attributePayload(a -> a.attributes(Map.of("room", "kitchen", "floor", "1"))));
            assertThat(created.thingArn()).isEqualTo("arn:aws:iot:us-east-1:123456789012:thing/lamp-1");
            assertThat(created.thingId()).matches("[0-9a-f-]{36}");
            // The same request again is accepted and answers the same thing, as AWS does.
            assertThat(iot.createThing(b -> b.thingName("lamp-1")
                    .attributePayload(a -> a.attributes(Map.of("room", "kitchen", "floor", "1")))).thingId())
                    .isEqualTo(created.thingId());
            assertThatThrownBy(() -> iot.createThing(b -> b.thingName("lamp-1")))
                    .isInstanceOfSatisfying(ResourceAlreadyExistsException.class, e -> assertThat(e.statusCode()).isEqualTo(409));

            iot.updateThing(b -> b.thingName("lamp-1").expectedVersion(1L)
                    .attributePayload(a -> a.merge(true).attributes(Map.of("floor", "", "color", "red"))));
            DescribeThingResponse described = iot.describeThing(b -> b.thingName("lamp-1"));
            assertThat(described.attributes()).containsExactlyInAnyOrderEntriesOf(Map.of("room", "kitchen", "color", "red"));
            assertThat(described.version()).isEqualTo(2);
            assertThat(described.defaultClientId()).isEqualTo("lamp-1");
            assertThatThrownBy(() -> iot.updateThing(b -> b.thingName("lamp-1").expectedVersion(1L)))
                    .isInstanceOfSatisfying(VersionConflictException.class, e -> assertThat(e.statusCode()).isEqualTo(409));
            iot.updateThing(b -> b.thingName("lamp-1").attributePayload(a -> a.attributes(Map.of("only", "this"))));
            assertThat(iot.describeThing(b -> b.thingName("lamp-1")).attributes()).isEqualTo(Map.of("only", "this"));

            assertThatThrownBy(() -> iot.deleteThing(b -> b.thingName("lamp-1").expectedVersion(1L)))
                    .isInstanceOf(VersionConflictException.class);
            iot.deleteThing(b -> b.thingName("lamp-1"));
            assertThatThrownBy(() -> iot.describeThing(b -> b.thingName("lamp-1")))
                    .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> assertThat(e.statusCode()).isEqualTo(404));
            iot.deleteThing(b -> b.thingName("lamp-1")); // deleting what is gone succeeds, as on AWS
        }
    }

    @Test
    void aThingWithAnAttachedCertificateIsNotDeletedUntilTheCertificateIsDetached() {
        try (IotClient iot = AwsClients.iot(broker)) {
            iot.createThing(b -> b.thingName("sensor-held"));
            String cert = iot.createKeysAndCertificate(b -> b.setAsActive(true)).certificateArn();
            iot.attachThingPrincipal(b -> b.thingName("sensor-held").principal(cert));

            assertThatThrownBy(() -> iot.deleteThing(b -> b.thingName("sensor-held")))
                    .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.awsErrorDetails().errorMessage())
                                .isEqualTo("Cannot delete. Thing sensor-held is still attached to one or more principals");
                    });
            assertThat(iot.describeThing(b -> b.thingName("sensor-held")).thingName()).isEqualTo("sensor-held");

            iot.detachThingPrincipal(b -> b.thingName("sensor-held").principal(cert));
            iot.deleteThing(b -> b.thingName("sensor-held"));
            assertThatThrownBy(() -> iot.describeThing(b -> b.thingName("sensor-held")))
                    .isInstanceOf(ResourceNotFoundException.class);
        }
    }

    @Test
    void namesAttributesAndLimitsAreValidated() {
        try (IotClient iot = AwsClients.iot(broker)) {
            assertThatThrownBy(() -> iot.createThing(b -> b.thingName("bad name")))
                    .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.statusCode()).isEqualTo(400));
            assertThatThrownBy(() -> iot.createThing(b -> b.thingName("x".repeat(129))))
                    .isInstanceOf(InvalidRequestException.class);
            assertThatThrownBy(() -> iot.createThing(b -> b.thingName("four-attrs").attributePayload(a -> a.attributes(
                    Map.of("a", "1", "b", "2", "c", "3", "d", "4")))))
                    .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.getMessage())
                            .contains("at most 3 attributes"));
            assertThatThrownBy(() -> iot.createThing(b -> b.thingName("typed").thingTypeName("no-such-type")))
                    .isInstanceOf(ResourceNotFoundException.class);
        }
    }

    @Test
    void thingsAreListedByAttributeAndTypeAcrossPages() {
        try (IotClient iot = AwsClients.iot(broker)) {
            iot.createThingType(b -> b.thingTypeName("sensor").thingTypeProperties(p -> p.thingTypeDescription("Sensors")
                    .searchableAttributes("site")));
            for (int i = 0; i < 5; i++) {
                String name = "list-" + i;
                String site = i % 2 == 0 ? "berlin" : "bern";
                String type = i < 3 ? "sensor" : null;
                iot.createThing(b -> b.thingName(name).thingTypeName(type)
                        .attributePayload(a -> a.attributes(Map.of("site", site))));
            }
            List<String> all = new ArrayList<>();
            String token = null;
            do {
                String next = token;
                ListThingsResponse page = iot.listThings(b -> b.maxResults(2).attributeName("site").attributeValue("ber")
                        .usePrefixAttributeValue(true).nextToken(next));
                assertThat(page.things()).hasSizeLessThanOrEqualTo(2);
                page.things().stream().map(ThingAttribute::thingName).forEach(all::add);
                token = page.nextToken();
            } while (token != null);
            assertThat(all).containsExactly("list-0", "list-1", "list-2", "list-3", "list-4");
            assertThat(iot.listThings(b -> b.attributeName("site").attributeValue("bern")).things())
                    .extracting(ThingAttribute::thingName).containsExactly("list-1", "list-3");
            assertThat(iot.listThings(b -> b.thingTypeName("sensor")).things())
                    .extracting(ThingAttribute::thingName).containsExactly("list-0", "list-1", "list-2");
        }
    }

    @Test
    void thingTypesAreDeprecatedBeforeTheyAreDeleted() {
        try (IotClient iot = AwsClients.iot(broker)) {
            iot.createThingType(b -> b.thingTypeName("old-model"));
            assertThatThrownBy(() -> iot.createThingType(b -> b.thingTypeName("old-model")))
                    .isInstanceOf(ResourceAlreadyExistsException.class);
            assertThatThrownBy(() -> iot.deleteThingType(b -> b.thingTypeName("old-model")))
                    .isInstanceOf(InvalidRequestException.class);
            iot.deprecateThingType(b -> b.thingTypeName("old-model"));
            DescribeThingTypeResponse type = iot.describeThingType(b -> b.thingTypeName("old-model"));
            assertThat(type.thingTypeMetadata().deprecated()).isTrue();
            assertThat(type.thingTypeMetadata().creationDate()).isCloseTo(Instant.now(), within());
            assertThat(type.thingTypeArn()).endsWith(":thingtype/old-model");
            assertThatThrownBy(() -> iot.createThing(b -> b.thingName("new-old").thingTypeName("old-model")))
                    .isInstanceOf(InvalidRequestException.class);
            assertThat(iot.listThingTypes(b -> b.thingTypeName("old-model")).thingTypes()).singleElement()
                    .satisfies(t -> assertThat(t.thingTypeMetadata().deprecated()).isTrue());
            iot.deleteThingType(b -> b.thingTypeName("old-model"));
            assertThatThrownBy(() -> iot.describeThingType(b -> b.thingTypeName("old-model")))
                    .isInstanceOf(ResourceNotFoundException.class);
        }
    }

    private static org.assertj.core.data.TemporalUnitOffset within() {
        return new org.assertj.core.data.TemporalUnitWithinOffset(1, ChronoUnit.MINUTES);
    }

    @Test
    void staticGroupsNestAndListTheirThings() {
        try (IotClient iot = AwsClients.iot(broker)) {
            iot.createThingGroup(b -> b.thingGroupName("plant"));
            iot.createThingGroup(b -> b.thingGroupName("line-a").parentGroupName("plant")
                    .thingGroupProperties(p -> p.thingGroupDescription("Line A")));
            assertThatThrownBy(() -> iot.createThingGroup(b -> b.thingGroupName("orphan").parentGroupName("none")))
                    .isInstanceOf(ResourceNotFoundException.class);
            iot.createThing(b -> b.thingName("robot-1"));
            iot.createThing(b -> b.thingName("robot-2"));
            iot.addThingToThingGroup(b -> b.thingGroupName("line-a").thingName("robot-1"));
            iot.addThingToThingGroup(b -> b.thingGroupArn("arn:aws:iot:us-east-1:123456789012:thinggroup/plant")
                    .thingArn("arn:aws:iot:us-east-1:123456789012:thing/robot-2"));

            DescribeThingGroupResponse lineA = iot.describeThingGroup(b -> b.thingGroupName("line-a"));
            assertThat(lineA.thingGroupMetadata().parentGroupName()).isEqualTo("plant");
            assertThat(lineA.thingGroupMetadata().rootToParentThingGroups()).extracting(GroupNameAndArn::groupName)
                    .containsExactly("plant");
            assertThat(lineA.thingGroupProperties().thingGroupDescription()).isEqualTo("Line A");
            assertThat(iot.listThingsInThingGroup(b -> b.thingGroupName("plant")).things()).containsExactly("robot-2");
            assertThat(iot.listThingsInThingGroup(b -> b.thingGroupName("plant").recursive(true)).things())
                    .containsExactly("robot-1", "robot-2");
            assertThat(iot.listThingGroupsForThing(b -> b.thingName("robot-1")).thingGroups())
                    .extracting(GroupNameAndArn::groupName).containsExactly("line-a");
            assertThat(iot.listThingGroups(b -> b.parentGroup("plant")).thingGroups())
                    .extracting(GroupNameAndArn::groupName).containsExactly("line-a");
            assertThat(iot.listThingGroups(b -> b.namePrefixFilter("pla")).thingGroups())
                    .extracting(GroupNameAndArn::groupName).containsExactly("plant");

            assertThatThrownBy(() -> iot.deleteThingGroup(b -> b.thingGroupName("plant")))
                    .isInstanceOf(InvalidRequestException.class);
            iot.removeThingFromThingGroup(b -> b.thingGroupName("line-a").thingName("robot-1"));
            assertThat(iot.listThingsInThingGroup(b -> b.thingGroupName("line-a")).things()).isEmpty();
            iot.deleteThingGroup(b -> b.thingGroupName("line-a"));
            assertThatThrownBy(() -> iot.describeThingGroup(b -> b.thingGroupName("line-a")))
                    .isInstanceOf(ResourceNotFoundException.class);
            assertThatThrownBy(() -> iot.addThingToThingGroup(b -> b.thingGroupName("plant").thingName("ghost")))
                    .isInstanceOf(ResourceNotFoundException.class);
        }
    }

    @Test
    void operationsNotEmulatedAnswerNotImplementedWithTheirName() {
        try (IotClient iot = AwsClients.iot(broker)) {
            assertThatThrownBy(() -> iot.listJobs(b -> { }))
                    .isInstanceOfSatisfying(IotException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(501);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NotImplementedException");
                        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("iotcore-local does not emulate ListJobs yet");
                    });
        }
    }
}
