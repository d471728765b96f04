package dev.iotcorelocal.registry;

/** What CreateKeysAndCertificate answers: the registered certificate and, when the service made the keys, them. */
public record IssuedCertificate(DeviceCertificate certificate, String publicKeyPem, String privateKeyPem) {
}
