package io.qiaoban.form.files;

import static io.qiaoban.form.testing.Forms.field;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.qiaoban.core.testing.Session;
import io.qiaoban.core.testing.TestUsers;
import io.qiaoban.form.testing.Forms;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Attachment and image fields: uploads checked by their bytes and the field's limits, records that
 * hold them, downloads served safely and only through what the caller may see.
 */
@QuarkusTest
class RecordFilesTest {
    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
    Forms f;
    String visits;

    @BeforeEach
    void form() {
        f = new Forms(TestUsers.platformAdmin(), "附件测试");
        visits = f.publish("visit", "回访", List.of(
                field("title", "主题", "text", "required", true),
                field("photos", "现场照片", "image", "options", Map.of("maxFiles", 2)),
                field("docs", "附件", "attachment", "options", Map.of("maxSizeMb", 1, "accept", List.of("pdf", "txt")))));
    }

    Response upload(Session who, String field, String name, byte[] content) {
        return given().cookie("qb_session", who.cookie()).header("X-Qiaoban-Upload", "1").accept("application/json")
                .queryParam("field", field).multiPart("file", name, content, "application/octet-stream")
                .post(f.forms() + "/" + visits + "/files");
    }

    @Test
    void anImageIsUploadedHeldByItsRecordAndServedSafely() {
        Response uploaded = upload(f.admin, "photos", "site-photo.png", PNG);
        uploaded.then().statusCode(201).body("type", equalTo("image/png")).body("size", equalTo(PNG.length));
        String fileId = uploaded.path("id");
        // the uploader sees the pending file (the form being filled shows it)
        given().cookie("qb_session", f.admin.cookie()).get(f.forms() + "/" + visits + "/files/" + fileId).then().statusCode(200);

        // what the client says about the file is ignored: name, size and type come from the upload
        String record = f.create(f.admin, visits, Map.of("title", "上门", "photos",
                        List.of(Map.of("id", fileId, "name", "evil.html", "size", 1, "type", "text/html"))))
                .then().statusCode(201).body("data.photos[0].name", equalTo("site-photo.png"))
                .body("data.photos[0].type", equalTo("image/png")).extract().path("id");
        Response download = given().cookie("qb_session", f.admin.cookie())
                .get(f.records(visits) + "/" + record + "/files/" + fileId);
        download.then().statusCode(200).contentType("image/png").header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", containsString("sandbox")).header("Content-Disposition", containsString("inline"));
        assertArrayEquals(PNG, download.asByteArray());
        // held now: no longer a pending upload
        given().cookie("qb_session", f.admin.cookie()).get(f.forms() + "/" + visits + "/files/" + fileId).then().statusCode(404);
        // the record keeps its file on an update that sends it back
        f.admin.api().body(Map.of("title", "再次上门", "photos", List.of(Map.of("id", fileId)))).patch(f.records(visits) + "/" + record)
                .then().statusCode(200).body("data.photos[0].id", equalTo(fileId));
    }

    @Test
    void uploadsAreCheckedByTheirBytesAndTheFieldsLimits() {
        upload(f.admin, "photos", "page.png", "<html><script>alert(1)</script>".getBytes(StandardCharsets.UTF_8))
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].code", equalTo("form.value.imageType"));
        upload(f.admin, "docs", "tool.exe", "MZ...".getBytes(StandardCharsets.UTF_8)).then().statusCode(400)
                .body("errors[0].code", equalTo("form.value.fileType"));
        byte[] big = new byte[1024 * 1024 + 1];
        Arrays.fill(big, (byte) 'a');
        upload(f.admin, "docs", "big.txt", big).then().statusCode(413).contentType("application/problem+json");
        upload(f.admin, "title", "a.txt", "x".getBytes(StandardCharsets.UTF_8)).then().statusCode(400);
        upload(f.admin, "docs", "note.txt", "备忘".getBytes(StandardCharsets.UTF_8)).then().statusCode(201)
                .body("type", equalTo("text/plain"));
        String a = upload(f.admin, "photos", "1.png", PNG).path("id");
        String b = upload(f.admin, "photos", "2.png", PNG).path("id");
        String c = upload(f.admin, "photos", "3.png", PNG).path("id");
        f.create(f.admin, visits, Map.of("title", "三张", "photos", List.of(Map.of("id", a), Map.of("id", b), Map.of("id", c))))
                .then().statusCode(400).body("errors[0].code", equalTo("form.value.tooMany"));
    }

    @Test
    void noOneReachesAFileThroughWhatTheyCannotSee() {
        String fileId = upload(f.admin, "photos", "a.png", PNG).path("id");
        String record = f.create(f.admin, visits, Map.of("title", "甲", "photos", List.of(Map.of("id", fileId))))
                .then().statusCode(201).extract().path("id");
        Session member = f.admin.addMember(f.workspace, "member");
        // not theirs to attach: held by another record
        f.create(member, visits, Map.of("title", "乙", "photos", List.of(Map.of("id", fileId)))).then().statusCode(400)
                .body("errors[0].code", equalTo("form.value.fileUnknown"));
        // a pending upload is its uploader's alone
        String pending = upload(f.admin, "photos", "b.png", PNG).path("id");
        f.create(member, visits, Map.of("title", "丙", "photos", List.of(Map.of("id", pending)))).then().statusCode(400);
        given().cookie("qb_session", member.cookie()).get(f.forms() + "/" + visits + "/files/" + pending).then().statusCode(404);
        // a hidden field's files are not served to that role
        given().cookie("qb_session", member.cookie()).get(f.records(visits) + "/" + record + "/files/" + fileId).then().statusCode(200);
        String roleId = f.admin.api().get("/api/v1/workspaces/" + f.workspace + "/roles").then().extract().jsonPath()
                .getString("find { it.builtInKey == 'member' }.id");
        f.admin.api().body(Map.of("hiddenFields", List.of("photos"))).put(f.forms() + "/" + visits + "/permissions/" + roleId)
                .then().statusCode(200);
        given().cookie("qb_session", member.cookie()).get(f.records(visits) + "/" + record + "/files/" + fileId).then().statusCode(404);
        // and nothing crosses workspaces
        Forms other = new Forms(TestUsers.platformAdmin(), "别的空间");
        given().cookie("qb_session", other.admin.cookie()).get(other.forms() + "/" + visits + "/records/" + record + "/files/" + fileId)
                .then().statusCode(404);
    }
}
