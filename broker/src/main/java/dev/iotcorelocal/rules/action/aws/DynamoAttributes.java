package dev.iotcorelocal.rules.action.aws;

import com.fasterxml.jackson.databind.JsonNode;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON as DynamoDB attribute values: string S, number N, boolean BOOL, null NULL, object M, array L. */
final class DynamoAttributes {
    private DynamoAttributes() {
    }

    static AttributeValue of(JsonNode node) {
        if (node.isTextual()) {
            return AttributeValue.fromS(node.textValue());
        }
        if (node.isNumber()) {
            return AttributeValue.fromN(node.isIntegralNumber() ? node.bigIntegerValue().toString()
                    : node.decimalValue().toPlainString());
        }
        if (node.isBoolean()) {
            return AttributeValue.fromBool(node.booleanValue());
        }
        if (node.isObject()) {
            return AttributeValue.fromM(map(node));
        }
        if (node.isArray()) {
            List<AttributeValue> items = new ArrayList<>(node.size());
            node.forEach(item -> items.add(of(item)));
            return AttributeValue.fromL(items);
        }
        return AttributeValue.fromNul(true);
    }

    /** An object's fields, in order, each as an attribute. */
    static Map<String, AttributeValue> map(JsonNode object) {
        Map<String, AttributeValue> attributes = new LinkedHashMap<>();
        object.fields().forEachRemaining(field -> attributes.put(field.getKey(), of(field.getValue())));
        return attributes;
    }
}
