package dev.iotcorelocal.policy;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.GeneralName;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;

import static dev.iotcorelocal.policy.Policies.allow;
import static dev.iotcorelocal.policy.Policies.arn;
import static dev.iotcorelocal.policy.Policies.document;
import static org.assertj.core.api.Assertions.assertThat;

/** The iot:Certificate.* variables read from real certificates, and the CERTEX vectors of spec §5. */
class CertificateVariablesTest {
    private static final X500Name ISSUER = new X500Name("CN=Fleet CA,O=Acme,C=US");

    private static X509Certificate device(String subject, GeneralName... alternativeNames) {
        return TestCertificates.certificate(new X500Name(subject), ISSUER, BigInteger.valueOf(0x921285cbL),
                alternativeNames);
    }

    private static MapRequestContext context(X509Certificate certificate) {
        CertificateVariables variables = CertificateVariables.of(certificate);
        return MapRequestContext.builder().put(ContextKeys.CLIENT_ID, "c1")
                .putAll(variables.singleValues(), variables.multiValues()).build();
    }

    @Test
    void subjectAndIssuerAttributesWithIndexesAndLists() {
        CertificateVariables variables = CertificateVariables.of(
                device("CN=Device,CN=Operator,CN=Administrator,O=Acme,OU=Sensors,C=US,C=DE,ST=WA,"
                        + "SERIALNUMBER=123,T=RGB,SURNAME=Bulb,GIVENNAME=Light,INITIALS=ZZ,PSEUDONYM=p1,"
                        + "GENERATION=4,DN=Bulb001"));
        Map<String, String> single = variables.singleValues();
        String subject = ContextKeys.CERTIFICATE_SUBJECT;
        assertThat(single).containsEntry(subject + "CommonName", "Device")
                .containsEntry(subject + "CommonName.1", "Operator")
                .containsEntry(subject + "CommonName.2", "Administrator")
                .containsEntry(subject + "Organization", "Acme")
                .containsEntry(subject + "OrganizationalUnit", "Sensors")
                .containsEntry(subject + "Country", "US").containsEntry(subject + "Country.1", "DE")
                .containsEntry(subject + "State", "WA").containsEntry(subject + "SerialNumber", "123")
                .containsEntry(subject + "Title", "RGB").containsEntry(subject + "Surname", "Bulb")
                .containsEntry(subject + "GivenName", "Light").containsEntry(subject + "Initials", "ZZ")
                .containsEntry(subject + "Pseudonym", "p1").containsEntry(subject + "GenerationQualifier", "4")
                .containsEntry(subject + "DistinguishedNameQualifier", "Bulb001")
                .containsEntry(ContextKeys.CERTIFICATE_ISSUER + "CommonName", "Fleet CA")
                .containsEntry(ContextKeys.CERTIFICATE_ISSUER + "Country", "US")
                .containsEntry(ContextKeys.CERTIFICATE_SERIAL_NUMBER, Long.toString(0x921285cbL))
                .doesNotContainKey(subject + "CommonName.3");
        assertThat(variables.multiValues()).containsEntry(subject + "CommonName.List",
                List.of("Device", "Operator", "Administrator"));
        assertThat(variables.multiValues().get(ContextKeys.CERTIFICATE_AVAILABLE_KEYS))
                .contains(subject + "CommonName", subject + "CommonName.List", ContextKeys.CERTIFICATE_SERIAL_NUMBER)
                .doesNotContain(ContextKeys.CERTIFICATE_AVAILABLE_KEYS);
    }

    @Test
    void alternativeNames() {
        CertificateVariables variables = CertificateVariables.of(device("CN=Device",
                new GeneralName(GeneralName.dNSName, "device.example.com"),
                new GeneralName(GeneralName.dNSName, "alias.example.com"),
                new GeneralName(GeneralName.iPAddress, "192.0.2.7"),
                new GeneralName(GeneralName.rfc822Name, "ops@example.com"),
                new GeneralName(GeneralName.uniformResourceIdentifier, "urn:device:1"),
                new GeneralName(new X500Name("CN=Directory Entry"))));
        String alt = ContextKeys.CERTIFICATE_SUBJECT + "AlternativeName.";
        assertThat(variables.singleValues()).containsEntry(alt + "DNSName", "device.example.com")
                .containsEntry(alt + "DNSName.1", "alias.example.com").containsEntry(alt + "IPAddress", "192.0.2.7")
                .containsEntry(alt + "RFC822Name", "ops@example.com")
                .containsEntry(alt + "UniformResourceIdentifier", "urn:device:1")
                .containsEntry(alt + "DirectoryName", "CN=Directory Entry");
        assertThat(variables.multiValues()).containsEntry(alt + "DNSName.List",
                List.of("device.example.com", "alias.example.com"));
    }

    @Test
    void valuesWithPolicySpecialCharactersOrOverlongAreNotSubstitutedAndListsKeepFive() {
        CertificateVariables variables = CertificateVariables.of(device(
                "CN=wild*card,O=" + "x".repeat(1025) + ",OU=a,OU=b,OU=c,OU=d,OU=e,OU=f"));
        String subject = ContextKeys.CERTIFICATE_SUBJECT;
        assertThat(variables.singleValues()).doesNotContainKey(subject + "CommonName")
                .doesNotContainKey(subject + "Organization");
        assertThat(variables.multiValues().get(subject + "OrganizationalUnit.List"))
                .containsExactly("a", "b", "c", "d", "e");
        // and a policy using the unsubstituted variable matches nothing
        PolicyCheck check = PolicySet.of(List.of(CompiledPolicy.compile("p", "1",
                document(allow("iot:Publish", "topic/${iot:Certificate.Subject.CommonName}"))))).bind(
                MapRequestContext.of(variables.singleValues(), variables.multiValues()));
        assertThat(check.decide("iot:Publish", arn("topic/wild*card")).outcome()).isEqualTo(Outcome.IMPLICIT_DENY);
        assertThat(check.decide("iot:Publish", arn("topic/wildXcard")).outcome()).isEqualTo(Outcome.IMPLICIT_DENY);
    }

    /** [CERTEX]: publish to the topic named after the certificate's common name, nothing else. */
    @Test
    void certexPublishToTheCommonNamesTopic() {
        PolicyCheck check = PolicySet.of(List.of(CompiledPolicy.compile("p", "1",
                document(allow("iot:Publish", "topic/${iot:Certificate.Subject.CommonName}"))))).bind(
                context(device("CN=sensor-42,O=Acme")));
        assertThat(check.decide("iot:Publish", arn("topic/sensor-42")).outcome()).isEqualTo(Outcome.ALLOWED);
        assertThat(check.decide("iot:Publish", arn("topic/sensor-43")).outcome()).isEqualTo(Outcome.IMPLICIT_DENY);
    }

    /** [CERTEX]: {@code CommonName.2} is the third CN value (one-based after the first). */
    @Test
    void certexAdministratorIsTheThirdCommonName() {
        String policy = document("{\"Effect\":\"Allow\",\"Action\":\"iot:Publish\",\"Resource\":\""
                + arn("topic/admin/*") + "\",\"Condition\":{\"StringEquals\":"
                + "{\"iot:Certificate.Subject.CommonName.2\":\"Administrator\"}}}");
        PolicySet set = PolicySet.of(List.of(CompiledPolicy.compile("admin", "1", policy)));
        assertThat(set.bind(context(device("CN=Device,CN=Operator,CN=Administrator")))
                .decide("iot:Publish", arn("topic/admin/reboot")).outcome()).isEqualTo(Outcome.ALLOWED);
        assertThat(set.bind(context(device("CN=Device,CN=Administrator,CN=Operator")))
                .decide("iot:Publish", arn("topic/admin/reboot")).outcome()).isEqualTo(Outcome.IMPLICIT_DENY);
        assertThat(set.bind(context(device("CN=Administrator")))
                .decide("iot:Publish", arn("topic/admin/reboot")).outcome()).isEqualTo(Outcome.IMPLICIT_DENY);
    }

    /** [CERTEX]: a {@code .List} key with the set operators. */
    @Test
    void certexListKeysWithSetOperators() {
        String policy = document("{\"Effect\":\"Allow\",\"Action\":\"iot:Connect\",\"Resource\":\"*\","
                + "\"Condition\":{\"ForAllValues:StringEquals\":"
                + "{\"iot:Certificate.Subject.Country.List\":[\"US\",\"DE\"]}}}");
        PolicySet set = PolicySet.of(List.of(CompiledPolicy.compile("countries", "1", policy)));
        assertThat(set.bind(context(device("CN=d,C=US,C=DE"))).decide("iot:Connect", arn("client/c1")).allowed())
                .isTrue();
        assertThat(set.bind(context(device("CN=d,C=US,C=FR"))).decide("iot:Connect", arn("client/c1")).allowed())
                .isFalse();
    }
}
