package dev.iotcorelocal.shadow;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A state object and its metadata tree, side by side ({@code desired}, {@code reported} or a delta). */
record Section(ObjectNode state, ObjectNode metadata) {
}
