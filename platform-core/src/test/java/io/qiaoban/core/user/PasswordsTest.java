package io.qiaoban.core.user;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qiaoban.core.problem.ProblemException;
import org.junit.jupiter.api.Test;

class PasswordsTest {
    @Test
    void aHashMatchesItsPasswordOnly() {
        String hash = Passwords.hash("会员Secret2026");
        assertTrue(hash.startsWith("$2a$10$"), hash);
        assertNotEquals(hash, Passwords.hash("会员Secret2026"), "salted");
        assertTrue(Passwords.matches("会员Secret2026", hash));
        assertFalse(Passwords.matches("会员Secret2027", hash));
    }

    @Test
    void unknownUsersAndOverlongPasswordsNeverMatchAndNeverThrow() {
        assertFalse(Passwords.matches("anything1", null));
        String longPassword = "a1".repeat(40);
        assertFalse(Passwords.matches(longPassword, Passwords.hash(longPassword.substring(0, 70))));
    }

    @Test
    void generatedPasswordsPassThePolicy() {
        for (int i = 0; i < 200; i++) {
            PasswordPolicy.check("p", Passwords.generate());
        }
        assertThrows(ProblemException.class, () -> PasswordPolicy.check("p", "onlyletters"));
        assertThrows(ProblemException.class, () -> PasswordPolicy.check("p", "短1"));
    }
}
