package dev.iotcorelocal.rules.action.aws;

import dev.iotcorelocal.rules.action.ActionFailedException;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * Turns what the SDK throws into the error action's {@code errorMessage}: the action, what it
 * tried, and the service's error code, HTTP status and message (or why no answer came).
 */
final class SdkFailures {
    private SdkFailures() {
    }

    /**
     * Runs one SDK call: its outcome, with a failure (also one thrown before the call started,
     * e.g. a client that cannot be built) turned into an {@link ActionFailedException}.
     */
    static CompletionStage<Void> call(String actionName, String attempt, Supplier<CompletableFuture<?>> sdkCall) {
        CompletableFuture<?> future;
        try {
            future = sdkCall.get();
        } catch (ActionFailedException e) {
            return CompletableFuture.failedFuture(e);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(failure(actionName, attempt, e));
        }
        return future.handle((ignored, error) -> {
            if (error != null) {
                throw failure(actionName, attempt, error);
            }
            return null;
        });
    }

    static ActionFailedException failure(String actionName, String attempt, Throwable error) {
        Throwable cause = unwrap(error);
        if (cause instanceof ActionFailedException failed) {
            return failed;
        }
        return new ActionFailedException(actionName + " failed to " + attempt + ": " + describe(cause), cause);
    }

    private static String describe(Throwable cause) {
        if (cause instanceof AwsServiceException service) {
            AwsErrorDetails details = service.awsErrorDetails();
            String code = details == null ? null : details.errorCode();
            String message = details == null ? null : details.errorMessage();
            return (code == null ? "error" : code) + " (HTTP " + service.statusCode() + ")"
                    + (message == null || message.isEmpty() ? "" : ": " + message);
        }
        StringBuilder text = new StringBuilder(String.valueOf(cause.getMessage()));
        // The SDK's "Unable to execute HTTP request" hides the reason (connection refused, timeout) one level down.
        Throwable inner = cause.getCause();
        if (inner != null && inner.getMessage() != null && !text.toString().contains(inner.getMessage())) {
            text.append(" (").append(inner.getMessage()).append(')');
        }
        return text.toString();
    }

    private static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
