package io.qiaoban.bench;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Start to ready (first 200 from /q/health/ready, timed from process launch) and resident memory
 * after start, of the packaged Qiaoban beside the bare Quarkus REST + Hibernate app of
 * bench/bare-app, alternating runs on the same PostgreSQL. Qiaoban is measured twice: on the same
 * running server as the bare app, and with its own embedded PostgreSQL (initialised, not running),
 * which is how the README's run command starts it.
 */
@ApplicationScoped
public class StartupBenchmark {
    public record Sample(double readySeconds, long rssKb) {
    }

    public record Result(List<Sample> bare, List<Sample> qiaoban, List<Sample> qiaobanEmbedded) {
        public String report() {
            double bareReady = medianReady(bare);
            double qbReady = medianReady(qiaoban);
            long bareRss = medianRss(bare);
            long qbRss = medianRss(qiaoban);
            StringBuilder out = new StringBuilder();
            out.append(String.format("start-up (JVM mode), median of %d runs each%n", bare.size()));
            out.append(String.format("  bare Quarkus REST+Hibernate : ready %5.2f s  RSS %,7d KB%n", bareReady, bareRss));
            out.append(String.format("  qiaoban (same PostgreSQL)   : ready %5.2f s  RSS %,7d KB  -> %+.2f s, RSS x%.2f%n",
                    qbReady, qbRss, qbReady - bareReady, (double) qbRss / bareRss));
            if (!qiaobanEmbedded.isEmpty()) {
                out.append(String.format("  qiaoban (embedded PostgreSQL, initialised): ready %5.2f s  RSS %,7d KB (JVM only)%n",
                        medianReady(qiaobanEmbedded), medianRss(qiaobanEmbedded)));
            }
            out.append("  targets: ready <= bare + 0.5 s; RSS <= 1.3x bare");
            return out.toString();
        }
    }

    private final String dbUrl;
    private final String dbUser;
    private final String dbPassword;

    StartupBenchmark(@ConfigProperty(name = "quarkus.datasource.jdbc.url") String dbUrl,
            @ConfigProperty(name = "quarkus.datasource.username") String dbUser,
            @ConfigProperty(name = "quarkus.datasource.password", defaultValue = "") String dbPassword) {
        this.dbUrl = dbUrl;
        this.dbUser = dbUser;
        this.dbPassword = dbPassword;
    }

    public Result run(int runs) throws Exception {
        Path root = Path.of(System.getProperty("qiaoban.root", "."));
        Path qiaobanJar = root.resolve("web-ui/target/quarkus-app/quarkus-run.jar");
        Path bareJar = root.resolve("bench/bare-app/target/quarkus-app/quarkus-run.jar");
        for (Path jar : List.of(qiaobanJar, bareJar)) {
            if (!Files.exists(jar)) {
                throw new IllegalStateException(jar + " is missing: build first with ./mvnw -DskipTests package");
            }
        }
        Map<String, String> sharedDb = Map.of("QIAOBAN_DB_URL", dbUrl, "QIAOBAN_DB_USER", dbUser,
                "QIAOBAN_DB_PASSWORD", dbPassword, "QIAOBAN_ADMIN_PASSWORD", "Bench" + System.nanoTime() + "x");
        Path embeddedData = root.resolve("bench/harness/target/startup-embedded-data");
        Map<String, String> embedded = Map.of("QIAOBAN_DATA_DIR", embeddedData.toString(),
                "QIAOBAN_ADMIN_PASSWORD", "Bench" + System.nanoTime() + "x");
        // warm-up: file caches, Flyway's first migration, the embedded cluster's initdb
        measure(bareJar, sharedDb);
        measure(qiaobanJar, sharedDb);
        measure(qiaobanJar, embedded);
        List<Sample> bare = new ArrayList<>();
        List<Sample> qiaoban = new ArrayList<>();
        List<Sample> qiaobanEmbedded = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            bare.add(measure(bareJar, sharedDb));
            qiaoban.add(measure(qiaobanJar, sharedDb));
            qiaobanEmbedded.add(measure(qiaobanJar, embedded));
        }
        return new Result(bare, qiaoban, qiaobanEmbedded);
    }

    static Sample measure(Path jar, Map<String, String> env) throws Exception {
        int port = freePort();
        ProcessBuilder builder = new ProcessBuilder("java", "-jar", jar.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().remove("QIAOBAN_DB_URL");
        builder.environment().putAll(env);
        builder.environment().put("QIAOBAN_PORT", String.valueOf(port));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        long start = System.nanoTime();
        Process process = builder.start();
        try {
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(jar + " exited with " + process.exitValue() + " before it was ready");
                }
                try {
                    if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        break;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                if (System.nanoTime() - start > TimeUnit.SECONDS.toNanos(120)) {
                    throw new IllegalStateException(jar + " not ready within 120 s");
                }
                Thread.sleep(10);
            }
            double readySeconds = (System.nanoTime() - start) / 1e9;
            Thread.sleep(2000);
            return new Sample(readySeconds, rssKb(process.pid()));
        } finally {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private static long rssKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS for " + pid);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static double medianReady(List<Sample> samples) {
        List<Double> values = new ArrayList<>(samples.stream().map(Sample::readySeconds).toList());
        Collections.sort(values);
        return values.get(values.size() / 2);
    }

    static long medianRss(List<Sample> samples) {
        List<Long> values = new ArrayList<>(samples.stream().map(Sample::rssKb).toList());
        Collections.sort(values);
        return values.get(values.size() / 2);
    }
}
