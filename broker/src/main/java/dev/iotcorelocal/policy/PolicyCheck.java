package dev.iotcorelocal.policy;

import java.util.List;

/**
 * A policy set bound to one caller's {@link RequestContext}: answers requests by action
 * ({@code iot:Publish}) and full resource ARN ({@code arn:aws:iot:us-east-1:123456789012:topic/a/b}).
 * CPU only, no allocation-heavy work, safe from any thread.
 */
public interface PolicyCheck {
    Decision decide(String action, String resource);

    Explanation explain(String action, String resource);

    /**
     * True only when {@link #decide} allows the action on every resource starting with
     * {@code resourcePrefix} (e.g. {@code arn:...:topic/}): no live Deny covers the action and a live
     * Allow covers every such resource. Lets a caller skip per-message decisions under an
     * allow-all policy. May answer false when it cannot tell cheaply; never true wrongly.
     */
    boolean allowsEvery(String action, String resourcePrefix);

    /**
     * TestAuthorization's {@code missingContextValues}: the variables and condition keys (as
     * written, without {@code ${}}) of the statements covering this action that the caller could
     * not resolve, each once, in statement order. Diagnostic only; may allocate.
     */
    List<String> missingContextValues(String action);
}
