package io.qiaoban.core.user;

import io.quarkus.elytron.security.common.BcryptUtil;
import java.security.SecureRandom;

/** bcrypt hashing, and generation of passwords nobody chose (first admin, "generate" in the UI). */
public final class Passwords {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    /** Checked against when a username is unknown, so a miss costs as long as a wrong password. */
    private static final String DECOY = BcryptUtil.bcryptHash("decoy-password-1");

    private Passwords() {
    }

    public static String hash(String password) {
        return BcryptUtil.bcryptHash(password);
    }

    public static boolean matches(String password, String hash) {
        return BcryptUtil.matches(password, hash == null ? DECOY : hash) && hash != null;
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
}
