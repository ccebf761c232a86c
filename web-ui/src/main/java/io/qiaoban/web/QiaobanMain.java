package io.qiaoban.web;

import io.qiaoban.core.db.ConfiguredDatabase;
import io.qiaoban.core.db.EmbeddedPostgres;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.nio.file.Path;

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
        Quarkus.run(args);
    }
}
