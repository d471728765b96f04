package dev.iotcorelocal.app;

/** A mistake on the command line: reported as one line and exit code 2, with a pointer to --help. */
final class UsageException extends RuntimeException {
    UsageException(String message) {
        super(message, null, false, false);
    }
}
