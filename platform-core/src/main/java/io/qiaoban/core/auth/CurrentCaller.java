package io.qiaoban.core.auth;

import io.qiaoban.core.problem.ProblemException;
import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;

/** Who is calling, set by {@link SessionFilter} once per request. */
@RequestScoped
public class CurrentCaller {
    private Caller caller;
    private String sessionTokenHash;
    private String ip;

    void set(Caller caller, String sessionTokenHash) {
        this.caller = caller;
        this.sessionTokenHash = sessionTokenHash;
    }

    void ip(String ip) {
        this.ip = ip;
    }

    public Caller get() {
        if (caller == null) {
            throw new ProblemException(401, "unauthenticated");
        }
        return caller;
    }

    public Optional<Caller> find() {
        return Optional.ofNullable(caller);
    }

    public String ip() {
        return ip;
    }

    String sessionTokenHash() {
        return sessionTokenHash;
    }
}
