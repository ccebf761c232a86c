package io.qiaoban.core.auth;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import java.util.concurrent.Callable;

/**
 * Runs in-process code as a user, with that user's permissions, the way a request with their session
 * would: for server-side callers of the services (a benchmark driving the engines through the same
 * service API as the REST resources, a scheduled task acting for someone). Never reachable from a
 * request: the caller is whoever the code names, so only code of the application calls this.
 */
public final class ActingAs {
    private ActingAs() {
    }

    public static <T> T call(Caller caller, Callable<T> work) throws Exception {
        ManagedContext requests = Arc.container().requestContext();
        if (requests.isActive()) {
            throw new IllegalStateException("Already inside a request: it has its caller");
        }
        requests.activate();
        try {
            Arc.container().instance(CurrentCaller.class).get().set(caller, null);
            return work.call();
        } finally {
            requests.terminate();
        }
    }
}
