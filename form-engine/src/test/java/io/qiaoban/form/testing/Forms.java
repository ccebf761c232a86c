package io.qiaoban.form.testing;

import io.qiaoban.core.testing.Session;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A workspace with an app, and helpers to design, publish and fill forms in it through the API. */
public final class Forms {
    public final Session admin;
    public final UUID workspace;
    public final String app;

    public Forms(Session admin, String name) {
        this.admin = admin;
        this.workspace = admin.createWorkspace(name + " " + UUID.randomUUID().toString().substring(0, 6));
        this.app = admin.api().body(Map.of("name", "CRM")).post("/api/v1/workspaces/" + workspace + "/apps")
                .then().statusCode(201).extract().path("id");
    }

    public String forms() {
        return "/api/v1/workspaces/" + workspace + "/apps/" + app + "/forms";
    }

    public String records(String formId) {
        return forms() + "/" + formId + "/records";
    }

    /** Creates and publishes a form; returns its id. */
    public String publish(String key, String name, List<Map<String, Object>> fields) {
        String id = admin.api().body(Map.of("key", key, "name", name, "fields", fields)).post(forms())
                .then().statusCode(201).extract().path("id");
        admin.api().post(forms() + "/" + id + "/publish").then().statusCode(200);
        return id;
    }

    public Response create(Session who, String formId, Map<String, Object> data) {
        return who.api().body(data).post(records(formId));
    }

    public String createOk(String formId, Map<String, Object> data) {
        return create(admin, formId, data).then().statusCode(201).extract().path("id");
    }

    public static Map<String, Object> field(String key, String label, String type, Object... more) {
        Map<String, Object> f = new java.util.LinkedHashMap<>(Map.of("key", key, "label", label, "type", type));
        for (int i = 0; i < more.length; i += 2) {
            f.put((String) more[i], more[i + 1]);
        }
        return f;
    }
}
