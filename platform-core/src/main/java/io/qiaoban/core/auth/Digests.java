package io.qiaoban.core.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 as lower-case hex: what we store instead of tokens and caller-chosen keys. */
public final class Digests {
    // every request hashes its session token: a provider lookup per call cost more than the hash itself
    private static final MessageDigest SHA_256 = sha256();

    private Digests() {
    }

    public static String sha256Hex(String text) {
        return HexFormat.of().formatHex(fresh().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest fresh() {
        try {
            return (MessageDigest) SHA_256.clone();
        } catch (CloneNotSupportedException e) {
            return sha256();
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
