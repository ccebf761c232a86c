package io.qiaoban.flow.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.qiaoban.flow.graph.FlowNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Draws an A/B variant by percentage. The draw is a hash of flow, split and customer, not a random
 * number: the same customer gets the same variant on every node and after every restart, and the
 * shares match the percentages over many customers.
 */
final class Variants {
    private Variants() {
    }

    /** The A/B variant of the run's customer at this split: drawn once, the same each time they come back. */
    static String choose(FlowEngine.Run run, FlowNode node) {
        String known = run.variants.path(node.id()).asText(null);
        if (known != null) {
            return known;
        }
        String who = run.instance.customerKey() != null ? run.instance.customerKey() : run.instance.id().toString();
        String drawn = draw(run.instance.flowId() + ":" + node.id() + ":" + who, node.config().path("variants"));
        run.variants.put(node.id(), drawn);
        run.changed = true;
        return drawn;
    }

    static String draw(String who, JsonNode variants) {
        int slot = slot(who);
        int upTo = 0;
        String last = null;
        for (JsonNode variant : variants) {
            upTo += variant.path("percent").asInt();
            last = variant.path("key").asText();
            if (slot < upTo) {
                return last;
            }
        }
        return last;
    }

    /** 0..99, uniform over customers. */
    static int slot(String who) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(who.getBytes(StandardCharsets.UTF_8));
            long value = 0;
            for (int i = 0; i < 8; i++) {
                value = (value << 8) | (hash[i] & 0xff);
            }
            return (int) Long.remainderUnsigned(value, 100);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
