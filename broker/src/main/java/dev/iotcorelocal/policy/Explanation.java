package dev.iotcorelocal.policy;

/**
 * A decision with the words a developer needs: which policy and statement decided, or, for an
 * implicit deny, "no statement allowed it" and the closest near miss (same action, a resource
 * pattern that differed). Computed only when asked (denials), never on the allow path.
 */
public record Explanation(Decision decision, String text) {
}
