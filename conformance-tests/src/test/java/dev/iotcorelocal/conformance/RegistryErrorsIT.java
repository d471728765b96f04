package dev.iotcorelocal.conformance;

import dev.iotcorelocal.junit.IotCoreEndpoints;
import dev.iotcorelocal.junit.IotCoreLocal;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.CertificateStateException;
import software.amazon.awssdk.services.iot.model.CertificateStatus;
import software.amazon.awssdk.services.iot.model.CertificateValidationException;
import software.amazon.awssdk.services.iot.model.CreateKeysAndCertificateResponse;
import software.amazon.awssdk.services.iot.model.DeleteConflictException;
import software.amazon.awssdk.services.iot.model.InvalidRequestException;
import software.amazon.awssdk.services.iot.model.IotException;
import software.amazon.awssdk.services.iot.model.LimitExceededException;
import software.amazon.awssdk.services.iot.model.MalformedPolicyException;
import software.amazon.awssdk.services.iot.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.iot.model.ResourceNotFoundException;
import software.amazon.awssdk.services.iot.model.Tag;
import software.amazon.awssdk.services.iot.model.VersionsLimitExceededException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every refusal of the certificate, policy and attachment operations, as the AWS SDK's typed exception with AWS's status. */
@IotCoreLocal
class RegistryErrorsIT {
    private static final String ALLOW_ALL = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"iot:*\",\"Resource\":\"*\"}]}";
    private static IotCoreEndpoints broker;
    private static IotClient iot;

    @BeforeAll
    static void client(IotCoreEndpoints endpoints) {
        broker = endpoints;
        iot = AwsClients.iot(broker);
    }

    @AfterAll
    static void close() {
        iot.close();
    }

    @Test
    void unknownCertificatesPoliciesAndVersionsAreResourceNotFound404() {
        refused(ResourceNotFoundException.class, 404, () -> iot.describeCertificate(b -> b.certificateId("0".repeat(64))));
        refused(ResourceNotFoundException.class, 404, () -> iot.getPolicy(b -> b.policyName("no-such-policy")));
        iot.createPolicy(b -> b.policyName("versioned").policyDocument(ALLOW_ALL));
        refused(ResourceNotFoundException.class, 404, () -> iot.getPolicyVersion(b -> b.policyName("versioned")
                .policyVersionId("9")));
        refused(ResourceNotFoundException.class, 404, () -> iot.attachPolicy(b -> b.policyName("versioned")
                .target("arn:aws:iot:us-east-1:123456789012:cert/" + "a".repeat(64))));
        String cert = iot.createKeysAndCertificate(b -> b.setAsActive(true)).certificateArn();
        refused(ResourceNotFoundException.class, 404, () -> iot.attachThingPrincipal(b -> b.thingName("no-such-thing")
                .principal(cert)));
        refused(ResourceNotFoundException.class, 404, () -> iot.listTagsForResource(b -> b.resourceArn(
                "arn:aws:iot:us-east-1:123456789012:policy/no-such-policy")));
    }

    @Test
    void duplicatesAreResourceAlreadyExists409NamingTheExistingResource() {
        CreateKeysAndCertificateResponse keys = iot.createKeysAndCertificate(b -> b.setAsActive(false));
        ResourceAlreadyExistsException again = refused(ResourceAlreadyExistsException.class, 409,
                () -> iot.registerCertificateWithoutCA(b -> b.certificatePem(keys.certificatePem())));
        assertThat(again.resourceId()).isEqualTo(keys.certificateId());
        assertThat(again.resourceArn()).isEqualTo(keys.certificateArn());

        iot.createPolicy(b -> b.policyName("twice").policyDocument(ALLOW_ALL));
        refused(ResourceAlreadyExistsException.class, 409, () -> iot.createPolicy(b -> b.policyName("twice")
                .policyDocument(ALLOW_ALL)));
    }

    @Test
    void badStatusesTargetsAndNamesAreInvalidRequest400() {
        CreateKeysAndCertificateResponse keys = iot.createKeysAndCertificate(b -> b.setAsActive(true));
        refused(InvalidRequestException.class, 400, () -> iot.updateCertificate(b -> b.certificateId(keys.certificateId())
                .newStatus(CertificateStatus.PENDING_TRANSFER)));
        refused(InvalidRequestException.class, 400, () -> iot.attachPolicy(b -> b.policyName("iotcore-local-dev-allow-all")
                .target("arn:aws:iot:us-east-1:123456789012:thing/t")));
        refused(InvalidRequestException.class, 400, () -> iot.tagResource(b -> b.resourceArn(
                "arn:aws:iot:us-east-1:123456789012:policy/iotcore-local-dev-allow-all")
                .tags(Tag.builder().key("aws:reserved").value("x").build())));
        refused(InvalidRequestException.class, 400, () -> iot.describeEndpoint(b -> b.endpointType("iot:Nope")));
    }

    @Test
    void deletingAnActiveCertificateIsCertificateState406AndAnAttachedOneDeleteConflict409() {
        CreateKeysAndCertificateResponse keys = iot.createKeysAndCertificate(b -> b.setAsActive(true));
        iot.createPolicy(b -> b.policyName("attached").policyDocument(ALLOW_ALL));
        iot.attachPolicy(b -> b.policyName("attached").target(keys.certificateArn()));

        refused(CertificateStateException.class, 406, () -> iot.deleteCertificate(b -> b.certificateId(keys.certificateId())));
        iot.updateCertificate(b -> b.certificateId(keys.certificateId()).newStatus(CertificateStatus.INACTIVE));
        refused(DeleteConflictException.class, 409, () -> iot.deleteCertificate(b -> b.certificateId(keys.certificateId())));
        refused(DeleteConflictException.class, 409, () -> iot.deletePolicy(b -> b.policyName("attached")));

        iot.deleteCertificate(b -> b.certificateId(keys.certificateId()).forceDelete(true));
        iot.deletePolicy(b -> b.policyName("attached"));
        refused(ResourceNotFoundException.class, 404, () -> iot.describeCertificate(b -> b.certificateId(keys.certificateId())));
    }

    @Test
    void policyDocumentsAndVersionsHaveAwsLimits() {
        refused(MalformedPolicyException.class, 400, () -> iot.createPolicy(b -> b.policyName("bad")
                .policyDocument("{\"Statement\":{\"Effect\":\"Permit\",\"Action\":\"iot:*\",\"Resource\":\"*\"}}")));
        iot.createPolicy(b -> b.policyName("five").policyDocument(ALLOW_ALL));
        for (int i = 0; i < 4; i++) {
            iot.createPolicyVersion(b -> b.policyName("five").policyDocument(ALLOW_ALL).setAsDefault(true));
        }
        refused(VersionsLimitExceededException.class, 409, () -> iot.createPolicyVersion(b -> b.policyName("five")
                .policyDocument(ALLOW_ALL)));
        refused(DeleteConflictException.class, 409, () -> iot.deletePolicyVersion(b -> b.policyName("five")
                .policyVersionId("5")));
        assertThat(iot.getPolicy(b -> b.policyName("five")).defaultVersionId()).isEqualTo("5");
    }

    @Test
    void theEleventhPolicyOnACertificateIsLimitExceeded410() {
        CreateKeysAndCertificateResponse keys = iot.createKeysAndCertificate(b -> b.setAsActive(true));
        for (int i = 0; i < 10; i++) {
            String name = "limit-" + i;
            iot.createPolicy(b -> b.policyName(name).policyDocument(ALLOW_ALL));
            iot.attachPolicy(b -> b.policyName(name).target(keys.certificateArn()));
        }
        iot.createPolicy(b -> b.policyName("limit-10").policyDocument(ALLOW_ALL));
        refused(LimitExceededException.class, 410, () -> iot.attachPolicy(b -> b.policyName("limit-10")
                .target(keys.certificateArn())));
    }

    @Test
    void textThatIsNotACertificateIsCertificateValidation400() {
        refused(CertificateValidationException.class, 400, () -> iot.registerCertificateWithoutCA(b -> b
                .certificatePem("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")));
        refused(CertificateValidationException.class, 400, () -> iot.registerCACertificate(b -> b
                .caCertificate("not a certificate")));
    }

    private static <T extends IotException> T refused(Class<T> type, int status, ThrowableAssert.ThrowingCallable call) {
        Object[] caught = new Object[1];
        assertThatThrownBy(call).isInstanceOfSatisfying(type, e -> {
            assertThat(e.statusCode()).isEqualTo(status);
            assertThat(e.awsErrorDetails().errorMessage()).isNotBlank();
            caught[0] = e;
        });
        return type.cast(caught[0]);
    }
}
