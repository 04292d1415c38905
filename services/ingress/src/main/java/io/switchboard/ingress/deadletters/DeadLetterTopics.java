package io.switchboard.ingress.deadletters;

import java.util.List;
import java.util.Optional;

import io.switchboard.contracts.Topic;

/** The dead-letter topics of the topic catalog, and the topic each one's records had failed on. */
final class DeadLetterTopics {

    private static final String SUFFIX = ".dlq";

    private DeadLetterTopics() {
    }

    static List<Topic> all() {
        return Topic.all().stream().filter(Topic::isDeadLetter).toList();
    }

    /** The catalog's dead-letter topic of that name; empty for any other name, a topic of ours or not. */
    static Optional<Topic> named(String name) {
        return all().stream().filter(topic -> topic.topicName().equals(name)).findFirst();
    }

    /** Where a record of {@code deadLetters} goes back to: the topic whose consumer dead-lettered it. */
    static String originOf(Topic deadLetters) {
        String name = deadLetters.topicName();
        return name.substring(0, name.length() - SUFFIX.length());
    }
}
