package io.qiaoban.core.user;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/** bcrypt hashing, and generation of passwords nobody chose (first admin, "generate" in the UI). */
public final class Passwords {
    private static final int COST = 10;
    /** bcrypt reads at most 72 bytes; longer input is refused by the policy and never matches. */
    private static final int MAX_BYTES = 72;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private Passwords() {
    }

    public static String hash(String password) {
        return BCrypt.withDefaults().hashToString(COST, password.toCharArray());
    }

    /**
     * Checks a password against a hash. A missing hash (unknown user) or an over-long password is
     * checked against a decoy, so that a miss costs as long as a wrong password.
     */
    public static boolean matches(String password, String hash) {
        boolean usable = hash != null && password.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES;
        char[] candidate = usable ? password.toCharArray() : "decoy-password-1".toCharArray();
        boolean verified = BCrypt.verifyer().verify(candidate, usable ? hash : Decoy.HASH).verified;
        return usable && verified;
    }

    public static String generate() {
        StringBuilder out = new StringBuilder();
        while (out.length() < 20) {
            out.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        // the policy wants a letter and a digit; guarantee both
        out.setCharAt(RANDOM.nextInt(10), (char) ('2' + RANDOM.nextInt(8)));
        out.setCharAt(10 + RANDOM.nextInt(10), (char) ('a' + RANDOM.nextInt(8)));
        return out.toString();
    }

    /** Hashed on first use, not at start-up. */
    private static final class Decoy {
        static final String HASH = hash("decoy-password-1");
    }
}
