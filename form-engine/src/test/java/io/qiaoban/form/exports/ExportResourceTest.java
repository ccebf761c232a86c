package io.qiaoban.form.exports;

import static io.qiaoban.core.testing.Delivery.count;
import static io.qiaoban.form.testing.Forms.field;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qiaoban.core.testing.Delivery;
import io.qiaoban.core.testing.Session;
import io.qiaoban.core.testing.TestUsers;
import io.qiaoban.form.testing.Forms;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Exports through the API with the job run as the queue would: the view's filter, sort and columns,
 * every row past the first page, CSV and XLSX with formula-looking text neutralised, the member's
 * row filter and hidden fields, the audit entry, and requests that are refused.
 */
@QuarkusTest
class ExportResourceTest {
    Forms f;
    String customers;

    @BeforeEach
    void form() {
        f = new Forms(TestUsers.platformAdmin(), "导出测试");
        customers = f.publish("customer", "客户", List.of(
                field("name", "姓名", "text", "required", true),
                field("owner", "负责人", "member"),
                field("level", "等级", "select", "options",
                        Map.of("choices", List.of(Map.of("value", "gold", "label", "金卡"), Map.of("value", "diamond", "label", "钻石")))),
                field("spend", "累计消费", "money")));
    }

    String exports() {
        return f.forms() + "/" + customers + "/exports";
    }

    Response export(Session who, Map<String, Object> request) {
        String id = who.api().body(request).post(exports()).then().statusCode(202).body("state", equalTo("queued"))
                .extract().path("id");
        Delivery.drain();
        return who.api().get(exports() + "/" + id);
    }

    byte[] download(Session who, Response export) {
        return given().cookie("qb_session", who.cookie()).get(exports() + "/" + export.path("id") + "/file")
                .then().statusCode(200).header("Content-Disposition", containsString("attachment")).extract().asByteArray();
    }

    @Test
    void csvOfAFilteredSortedViewWithEveryRowAndNoLiveFormulas() {
        f.createOk(customers, Map.of("name", "=HYPERLINK(\"http://evil\",\"点我\")", "level", "diamond", "spend", -12.5));
        f.createOk(customers, Map.of("name", "@SUM(A1)", "level", "diamond", "spend", 1));
        f.createOk(customers, Map.of("name", "普通客户", "level", "gold", "spend", 3));
        Response done = export(f.admin, Map.of("format", "csv", "filter", Map.of("field", "level", "op", "eq", "value", "diamond"),
                "sort", "spend", "fields", List.of("name", "level", "spend")));
        done.then().body("state", equalTo("done")).body("exportedRows", equalTo(2)).body("progress", equalTo(100))
                .body("fileName", containsString(".csv"));
        String csv = new String(download(f.admin, done), StandardCharsets.UTF_8);
        assertEquals("\ufeff姓名,等级,累计消费\r\n"
                + "\"'=HYPERLINK(\"\"http://evil\"\",\"\"点我\"\")\",钻石,-12.50\r\n"
                + "'@SUM(A1),钻石,1.00\r\n", csv);
        assertEquals(1, count("select count(*) from audit_log where type = 'export' and workspace_id = ?", f.workspace));
    }

    @Test
    void membersAndRelatedRecordsAreExportedByNameAndAmountsAsTheGridShowsThem() {
        String orders = f.publish("order", "订单", List.of(
                field("title", "标题", "text"),
                field("customer", "客户", "relation", "options", Map.of("form", "customer")),
                field("owner", "跟进人", "member"),
                field("qty", "数量", "number", "options", Map.of("decimals", 0)),
                field("price", "单价", "money"),
                field("total", "金额", "formula", "options", Map.of("expression", "price * qty * 1.05", "resultType", "money"))));
        String zhang = f.createOk(customers, Map.of("name", "张三"));
        f.createOk(orders, Map.of("title", "大单", "customer", zhang, "owner", f.admin.userId().toString(), "qty", 3, "price", 10.01));
        String displayName = f.admin.api().get("/api/v1/auth/me").then().statusCode(200).extract().path("displayName");
        String id = f.admin.api().body(Map.of("format", "csv", "fields", List.of("title", "customer", "owner", "total")))
                .post(f.forms() + "/" + orders + "/exports").then().statusCode(202).extract().path("id");
        Delivery.drain();
        String csv = new String(given().cookie("qb_session", f.admin.cookie()).get(f.forms() + "/" + orders + "/exports/" + id + "/file")
                .then().statusCode(200).extract().asByteArray(), StandardCharsets.UTF_8);
        // 3 x 10.01 x 1.05 = 31.5315: shown to the cent, as the grid does
        assertEquals("\ufeff标题,客户,跟进人,金额\r\n大单,张三," + displayName + ",31.53\r\n", csv);
    }

    @Test
    void anExportWhoseEveryAttemptFailsSaysSoInsteadOfRunningForever() {
        f.createOk(customers, Map.of("name", "张三"));
        String trigger = "test_refuse_export_" + customers.replace("-", "").substring(0, 12);
        try {
            Delivery.execute("create function " + trigger + "() returns trigger language plpgsql as $$ begin "
                    + "raise exception 'simulated crash'; end $$");
            Delivery.execute("create trigger " + trigger + " before insert on stored_file for each row when (new.purpose = "
                    + "'export' and new.workspace_id = '" + f.workspace + "') execute function " + trigger + "()");
            String id = f.admin.api().body(Map.of("format", "csv")).post(exports()).then().statusCode(202).extract().path("id");
            for (int attempt = 0; attempt < 3; attempt++) {
                Delivery.dueNow(RecordExportJobHandler.TYPE);
                Delivery.drain();
            }
            given().cookie("qb_session", f.admin.cookie()).header("Accept-Language", "en").accept("application/json")
                    .get(exports() + "/" + id).then().body("state", equalTo("failed"))
                    .body("failure.code", equalTo("export.interrupted")).body("failure.message", containsString("Export again"));
            assertEquals(0, count("select count(*) from job where payload->>'export' = ?", id), "not left in the dead letters");
        } finally {
            Delivery.execute("drop trigger if exists " + trigger + " on stored_file");
            Delivery.execute("drop function if exists " + trigger + "()");
        }
    }

    @Test
    void allRowsPastThePageSizeGoIntoXlsxWithNumbersAsNumbers() throws Exception {
        StringBuilder csv = new StringBuilder("姓名,累计消费\n");
        for (int i = 0; i < 2_500; i++) {
            csv.append("客户").append(i).append(',').append(i).append('\n');
        }
        csv.append("=1+2,7\n");
        String upload = given().cookie("qb_session", f.admin.cookie()).header("X-Qiaoban-Upload", "1")
                .multiPart("file", "c.csv", csv.toString().getBytes(StandardCharsets.UTF_8)).post(f.forms() + "/" + customers + "/imports")
                .then().statusCode(201).extract().path("id");
        f.admin.api().body(Map.of("mapping", List.of(Map.of("column", 0, "field", "name"), Map.of("column", 1, "field", "spend"))))
                .post(f.forms() + "/" + customers + "/imports/" + upload + "/start").then().statusCode(202);
        Delivery.drain();

        Response done = export(f.admin, Map.of("format", "xlsx", "sort", "-spend"));
        done.then().body("state", equalTo("done")).body("exportedRows", equalTo(2_501));
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(download(f.admin, done)))) {
            XSSFSheet sheet = book.getSheetAt(0);
            assertEquals(2_502, sheet.getPhysicalNumberOfRows());
            assertEquals(List.of("姓名", "负责人", "等级", "累计消费"), List.of(sheet.getRow(0).getCell(0).getStringCellValue(),
                    sheet.getRow(0).getCell(1).getStringCellValue(), sheet.getRow(0).getCell(2).getStringCellValue(),
                    sheet.getRow(0).getCell(3).getStringCellValue()));
            assertEquals(CellType.NUMERIC, sheet.getRow(1).getCell(3).getCellType());
            assertEquals(2_499, sheet.getRow(1).getCell(3).getNumericCellValue());
            var formulaLike = java.util.stream.IntStream.rangeClosed(1, 2_501).mapToObj(i -> sheet.getRow(i).getCell(0))
                    .filter(c -> c.getStringCellValue().startsWith("=")).findFirst().orElseThrow();
            assertEquals(CellType.STRING, formulaLike.getCellType());
            assertEquals("=1+2", formulaLike.getStringCellValue());
            assertTrue(formulaLike.getCellStyle().getQuotePrefixed());
        }
    }

    @Test
    void aMemberExportsOnlyWhatTheySee() {
        Session member = f.admin.addMember(f.workspace, "member");
        f.create(member, customers, Map.of("name", "我的客户", "owner", member.userId().toString(), "spend", 10))
                .then().statusCode(201);
        f.createOk(customers, Map.of("name", "别人的客户", "spend", 99));
        String roleId = f.admin.api().get("/api/v1/workspaces/" + f.workspace + "/roles").then().extract().jsonPath()
                .getString("find { it.builtInKey == 'member' }.id");
        f.admin.api().body(Map.of("rowFilter", Map.of("field", "owner", "op", "eq", "value", "$me"), "hiddenFields", List.of("spend")))
                .put(f.forms() + "/" + customers + "/permissions/" + roleId).then().statusCode(200);

        member.api().body(Map.of("format", "csv", "fields", List.of("name", "spend"))).post(exports())
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("fields[1]"));
        Response done = export(member, Map.of("format", "csv"));
        String csv = new String(download(member, done), StandardCharsets.UTF_8);
        assertTrue(csv.contains("我的客户"), csv);
        assertFalse(csv.contains("别人的客户"), csv);
        assertFalse(csv.contains("累计消费"), csv);
        // an export is its requester's alone
        f.admin.api().get(exports() + "/" + done.path("id")).then().statusCode(404);
        given().cookie("qb_session", f.admin.cookie()).get(exports() + "/" + done.path("id") + "/file").then().statusCode(404);
    }

    @Test
    void badRequestsAreRefusedAndQueueNothing() {
        long before = count("select count(*) from record_export where form_id = ?", UUID.fromString(customers));
        f.admin.api().body(Map.of("format", "pdf")).post(exports()).then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("format"));
        f.admin.api().body(Map.of("format", "csv", "filter", Map.of("field", "nope", "op", "eq", "value", 1))).post(exports())
                .then().statusCode(400).contentType("application/problem+json");
        f.admin.api().body(Map.of("format", "csv", "sort", "nope")).post(exports()).then().statusCode(400);
        Forms other = new Forms(TestUsers.platformAdmin(), "别的空间");
        String otherForm = other.publish("c", "客户", List.of(field("name", "姓名", "text")));
        other.admin.api().body(Map.of("format", "csv")).post(other.forms() + "/" + customers + "/exports").then().statusCode(404);
        assertEquals(before, count("select count(*) from record_export where form_id = ?", UUID.fromString(customers)));
        other.admin.api().get(other.forms() + "/" + otherForm + "/exports/" + UUID.randomUUID()).then().statusCode(404);
    }
}
