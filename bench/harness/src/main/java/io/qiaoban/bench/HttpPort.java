package io.qiaoban.bench;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The port the harness's HTTP server took: it asks for a random one, and once it listens Quarkus
 * publishes the actual port as quarkus.http.port (quarkus.http.test-port under tests).
 */
@ApplicationScoped
public class HttpPort {
    public int get() {
        for (String name : new String[] {"quarkus.http.test-port", "quarkus.http.port"}) {
            String actual = System.getProperty(name);
            if (actual == null) {
                actual = ConfigProvider.getConfig().getOptionalValue(name, String.class).orElse(null);
            }
            if (actual != null && !actual.equals("0")) {
                return Integer.parseInt(actual);
            }
        }
        throw new IllegalStateException("the HTTP server has not started");
    }
}
