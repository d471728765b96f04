package dev.iotcorelocal.registry;

import java.util.List;

/**
 * What the security registry needs to know about things, thing types and thing groups, which
 * the things registry owns: existence for attachments and tags, group membership for effective
 * policies. Implementations read a snapshot and never block.
 */
public interface ThingDirectory {
    /** A directory with no things: for a registry used without the things API. */
    ThingDirectory NONE = new ThingDirectory() {
        @Override
        public boolean thingExists(String thingName) {
            return false;
        }

        @Override
        public boolean thingGroupExists(String groupName) {
            return false;
        }

        @Override
        public boolean thingTypeExists(String typeName) {
            return false;
        }

        @Override
        public List<String> groupsWithAncestors(String thingName) {
            return List.of();
        }

        @Override
        public List<String> groupAncestry(String groupName) {
            return List.of();
        }
    };

    boolean thingExists(String thingName);

    boolean thingGroupExists(String groupName);

    boolean thingTypeExists(String typeName);

    /** The thing's groups and all their ancestors up to the root, nearest first, each once. */
    List<String> groupsWithAncestors(String thingName);

    /** The group followed by its ancestors up to the root. */
    List<String> groupAncestry(String groupName);
}
