package dev.iotcorelocal.rules.action;

import dev.iotcorelocal.rules.sql.RuleInput;

/** One message handed to an action: the SELECT result and the original message its templates read. */
public record ActionRequest(String ruleName, byte[] payload, RuleInput input) {
}
