package io.switchboard.tokens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.switchboard.contracts.events.ChatMessage;

class PromptTokensTest {

    @Test
    void countsTheTextWithCl100kAndOpenAisFramingPerMessage() {
        // "Hello world" is two cl100k tokens, "user" one: 3 framing + 1 + 2, plus 3 priming the reply
        assertEquals(9, PromptTokens.count(List.of(ChatMessage.of("user", "Hello world"))));
    }

    @Test
    void eachMessageAddsItsFraming() {
        int one = PromptTokens.count(List.of(ChatMessage.of("user", "Hello world")));
        int two = PromptTokens.count(List.of(ChatMessage.of("system", "Hello world"), ChatMessage.of("user", "Hello world")));
        assertEquals(one + 3 + 1 + 2, two);
    }

    @Test
    void aLongPromptCountsInTheThousands() {
        int tokens = PromptTokens.count(List.of(ChatMessage.of("user", "lorem ipsum dolor sit amet ".repeat(500))));
        assertTrue(tokens > 2000 && tokens < 4000, Integer.toString(tokens));
    }
}
