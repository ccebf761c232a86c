package io.qiaoban.web;

import io.qiaoban.core.db.ConfiguredDatabase;
import io.qiaoban.core.db.EmbeddedPostgres;
import io.qiaoban.core.db.UnusableDatabase;
import io.quarkus.runtime.Application;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.nio.file.Path;
import org.jboss.logging.Logger;

/**
 * Starts Qiaoban. Without QIAOBAN_DB_URL it first starts the embedded PostgreSQL with its data under
 * ./data (or QIAOBAN_DATA_DIR), so that a newcomer needs no database of their own; with it, it first
 * makes sure that database can be used, so that a wrong setting gets one sentence, not stack traces.
 */
@QuarkusMain
public class QiaobanMain {
    public static void main(String... args) {
        ConfiguredDatabase.checkOrExit();
        EmbeddedPostgres.startForApplicationIfUnconfigured(Path.of("data"), "qiaoban");
        Quarkus.run(null, QiaobanMain::exit, args);
    }

    /**
     * Quarkus' own handling, except for a database the operator has to fix: its message alone, since
     * a stack trace would only hide the sentence that says what to do.
     */
    private static void exit(int status, Throwable failure) {
        if (failure != null) {
            Throwable root = failure;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            if (root instanceof UnusableDatabase) {
                System.err.println(root.getMessage());
            } else {
                Logger.getLogger(Application.class).error("Failed to start application", failure);
            }
        }
        System.exit(status);
    }
}
