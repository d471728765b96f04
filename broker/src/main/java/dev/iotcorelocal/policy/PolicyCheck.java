package dev.iotcorelocal.policy;

/**
 * A policy set bound to one caller's {@link RequestContext}: answers requests by action
 * ({@code iot:Publish}) and full resource ARN ({@code arn:aws:iot:us-east-1:123456789012:topic/a/b}).
 * CPU only, no allocation-heavy work, safe from any thread.
 */
public interface PolicyCheck {
    Decision decide(String action, String resource);

    Explanation explain(String action, String resource);
}
