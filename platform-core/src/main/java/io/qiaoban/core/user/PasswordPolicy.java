package io.qiaoban.core.user;

import io.qiaoban.core.problem.ProblemException;

/** What a password must be: 8 to 72 characters (bcrypt reads no further), letters and digits. */
public final class PasswordPolicy {
    public static final int MIN_LENGTH = 8;
    public static final int MAX_LENGTH = 72;

    private PasswordPolicy() {
    }

    public static void check(String field, String password) {
        if (password == null || password.isEmpty()) {
            throw ProblemException.invalid(field, "required");
        }
        if (password.length() < MIN_LENGTH || password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_LENGTH) {
            throw ProblemException.invalid(field, "password-length", MIN_LENGTH, MAX_LENGTH);
        }
        boolean letter = password.chars().anyMatch(Character::isLetter);
        boolean digit = password.chars().anyMatch(Character::isDigit);
        if (!letter || !digit) {
            throw ProblemException.invalid(field, "password-weak");
        }
    }
}
