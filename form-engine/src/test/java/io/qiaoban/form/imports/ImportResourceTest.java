package io.qiaoban.form.imports;

import static io.qiaoban.core.testing.Delivery.count;
import static io.qiaoban.form.testing.Forms.field;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qiaoban.core.testing.Delivery;
import io.qiaoban.core.testing.TestUsers;
import io.qiaoban.form.testing.Forms;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Imports through the API on the real database, with the job run as the queue would: CSV in UTF-8
 * (with and without BOM) and GBK, XLSX with typed cells, all-or-nothing and skip-bad-rows, unique
 * values against the file and the form, the error report, and files that must be refused (legacy
 * .xls, zip bombs, external entities, unclosed quotes, oversized uploads) without writing anything.
 */
@QuarkusTest
class ImportResourceTest {
    Forms f;
    String customers;

    @BeforeEach
    void form() {
        f = new Forms(TestUsers.platformAdmin(), "导入测试");
        customers = f.publish("customer", "客户", List.of(
                field("name", "姓名", "text", "required", true),
                field("mobile", "手机", "phone", "unique", true),
                field("level", "等级", "select", "options",
                        Map.of("choices", List.of(Map.of("value", "gold", "label", "金卡"), Map.of("value", "diamond", "label", "钻石")))),
                field("spend", "累计消费", "money"),
                field("since", "首次购买", "date"),
                field("no", "编号", "serial", "options", Map.of("pattern", "KH-{0000}"))));
    }

    String imports() {
        return f.forms() + "/" + customers + "/imports";
    }

    Response upload(String name, byte[] content) {
        return given().cookie("qb_session", f.admin.cookie()).header("X-Qiaoban-Upload", "1").accept("application/json")
                .multiPart("file", name, content, "application/octet-stream").post(imports());
    }

    /** Uploads, starts with the mapping of header names to field keys, runs the job; returns the finished import. */
    Response importFile(String name, byte[] content, Map<String, String> mapping, boolean skipBadRows) {
        return importFile(name, content, mapping, Map.of("skipBadRows", skipBadRows));
    }

    Response importFile(String name, byte[] content, Map<String, String> mapping, Map<String, Object> options) {
        Response uploaded = upload(name, content);
        uploaded.then().statusCode(201).body("state", equalTo("uploaded"));
        List<Map<String, Object>> columns = uploaded.path("columns");
        List<Map<String, Object>> chosen = columns.stream().filter(c -> mapping.containsKey((String) c.get("name")))
                .map(c -> Map.<String, Object>of("column", c.get("index"), "field", mapping.get((String) c.get("name")))).toList();
        String id = uploaded.path("id");
        Map<String, Object> body = new HashMap<>(options);
        body.put("mapping", chosen);
        f.admin.api().body(body).post(imports() + "/" + id + "/start")
                .then().statusCode(202).body("state", equalTo("queued"));
        Delivery.drain();
        return f.admin.api().get(imports() + "/" + id);
    }

    static final Map<String, String> MAPPING = Map.of("姓名", "name", "手机", "mobile", "等级", "level", "消费", "spend",
            "首次购买", "since");

    long records() {
        return count("select count(*) from record where form_id = ? and deleted_at is null", UUID.fromString(customers));
    }

    @Test
    void importsUtf8CsvWithBomAsOneBatchWithHistoryAndOneEvent() {
        String csv = "\ufeff姓名,手机,等级,消费,首次购买,备注\r\n"
                + "张三,13800138000,金卡,\"1,200.50\",2024-03-01,老客户\r\n"
                + "\"李四, 北京\",13900139000,diamond,88,2024/3/2,\"多行\n备注\"\r\n"
                + ",,,,,\r\n"
                + "王五,,钻石,,,\r\n";
        Response done = importFile("客户.csv", csv.getBytes(StandardCharsets.UTF_8), MAPPING, false);
        done.then().statusCode(200).body("state", equalTo("done")).body("progress", equalTo(100))
                .body("importedRows", equalTo(3)).body("errorRows", equalTo(0)).body("encoding", equalTo("UTF-8 BOM"));
        assertEquals(3, records());
        List<Map<String, Object>> items = f.admin.api().queryParam("sort", "name").get(f.records(customers))
                .then().statusCode(200).extract().path("items.data");
        assertTrue(items.stream().anyMatch(d -> "李四, 北京".equals(d.get("name")) && "diamond".equals(d.get("level"))
                && "2024-03-02".equals(d.get("since"))), items.toString());
        assertTrue(items.stream().anyMatch(d -> "张三".equals(d.get("name")) && ((Number) d.get("spend")).doubleValue() == 1200.5
                && "gold".equals(d.get("level"))), items.toString());
        // serial numbers are given as on a create, gap-free
        assertEquals(3, count("select count(distinct data->>'no') from record where form_id = ?", UUID.fromString(customers)));
        assertEquals(3, count("select count(*) from record_history h join record r on r.id = h.record_id "
                + "where r.form_id = ? and h.kind = 'imported'", UUID.fromString(customers)));
        assertEquals(0, count("select count(*) from outbox where type = 'record.created' and payload->>'formId' = ?", customers));
        assertEquals(1, count("select count(*) from outbox where type = 'record.imported' and payload->>'formId' = ?", customers));
        // the uploaded file is gone once imported
        assertEquals(0, count("select count(*) from stored_file where id = (select file_id from record_import where form_id = ?)",
                UUID.fromString(customers)));
    }

    @Test
    void onRequestEveryImportedRecordGetsTheCreatedEventACreateWouldWrite() {
        String csv = "姓名,手机,消费\n甲,13800138000,10\n,13800138001,20\n乙,13800138002,30\n";
        // all or nothing and one row bad: no record, so no event either
        importFile("events.csv", csv.getBytes(StandardCharsets.UTF_8), MAPPING, Map.of("recordEvents", true))
                .then().body("state", equalTo("failed")).body("recordEvents", equalTo(true));
        assertEquals(0, count("select count(*) from outbox where type = 'record.created' and payload->>'formId' = ?", customers));

        importFile("events.csv", csv.getBytes(StandardCharsets.UTF_8), MAPPING, Map.of("skipBadRows", true, "recordEvents", true))
                .then().body("state", equalTo("done")).body("importedRows", equalTo(2)).body("recordEvents", equalTo(true));
        assertEquals(2, count("select count(*) from outbox o join record r on r.id::text = o.aggregate_id "
                + "where o.type = 'record.created' and o.payload->>'formId' = ? and o.payload->>'recordId' = r.id::text "
                + "and o.payload->'data'->>'name' = r.data->>'name' and o.workspace_id = r.workspace_id", customers));
        assertEquals(1, count("select count(*) from outbox where type = 'record.created' and payload->>'formId' = ? "
                + "and payload->'data'->>'name' = '乙' and (payload->'data'->>'spend')::numeric = 30", customers));
        // the same event as a record created through the API: rules and flows read one shape
        f.createOk(customers, Map.of("name", "丙", "mobile", "13800138003"));
        assertEquals(1, count("select count(distinct (select array_agg(k order by k) from jsonb_object_keys(payload) k)) "
                + "from outbox where type = 'record.created' and payload->>'formId' = ?", customers));
        assertEquals(3, count("select count(*) from outbox where type = 'record.created' and payload->>'formId' = ?", customers));

        // a file past the limit for per-record events (5 in the tests) is history, not new business: refused whole
        StringBuilder six = new StringBuilder("姓名\n");
        for (int i = 1; i <= 6; i++) {
            six.append("客户").append(i).append('\n');
        }
        given().cookie("qb_session", f.admin.cookie()).header("Accept-Language", "zh-CN").accept("application/json")
                .get(imports() + "/" + importFile("six.csv", six.toString().getBytes(StandardCharsets.UTF_8), MAPPING,
                        Map.of("recordEvents", true)).<String>path("id"))
                .then().body("state", equalTo("failed")).body("importedRows", equalTo(0))
                .body("failure.code", equalTo("import.too-many-with-events")).body("failure.message", containsString("5 行"));
        assertEquals(3, records());
        assertEquals(3, count("select count(*) from outbox where type = 'record.created' and payload->>'formId' = ?", customers));
    }

    @Test
    void aFailureAfterTheFirstBatchLeavesNothingAndTheNextAttemptImportsEveryRowOnce() {
        // 2,500 rows: the first 2,000 are written before row 2,300 makes the database refuse the second batch
        StringBuilder csv = new StringBuilder("姓名,手机\n");
        for (int i = 1; i <= 2_500; i++) {
            csv.append(i == 2_300 ? "炸" : "客户" + i).append(',').append(13_000_000_000L + i).append('\n');
        }
        String trigger = "test_refuse_" + customers.replace("-", "").substring(0, 12);
        String id;
        try {
            Delivery.execute("create function " + trigger + "() returns trigger language plpgsql as $$ begin "
                    + "if new.data->>'name' = '炸' then raise exception 'simulated crash'; end if; return new; end $$");
            Delivery.execute("create trigger " + trigger + " before insert on record for each row when (new.form_id = '"
                    + customers + "') execute function " + trigger + "()");
            Response uploaded = upload("big.csv", csv.toString().getBytes(StandardCharsets.UTF_8));
            id = uploaded.path("id");
            List<Map<String, Object>> mapping = List.of(Map.of("column", 0, "field", "name"), Map.of("column", 1, "field", "mobile"));
            f.admin.api().body(Map.of("mapping", mapping)).post(imports() + "/" + id + "/start").then().statusCode(202);
            Delivery.drain();
            assertEquals(0, records(), "the first batch went with the failed attempt");
            f.admin.api().get(imports() + "/" + id).then().body("state", equalTo("running"));
        } finally {
            Delivery.execute("drop trigger if exists " + trigger + " on record");
            Delivery.execute("drop function if exists " + trigger + "()");
        }
        // the next attempt (made due now rather than after its backoff) starts again from the first row
        Delivery.dueNow(RecordImportJobHandler.TYPE);
        Delivery.drain();
        f.admin.api().get(imports() + "/" + id).then().body("state", equalTo("done")).body("importedRows", equalTo(2_500))
                .body("processedRows", equalTo(2_500));
        assertEquals(2_500, records());
        assertEquals(2_500, count("select count(distinct data->>'mobile') from record where form_id = ?", UUID.fromString(customers)));
    }

    @Test
    void anImportWhoseEveryAttemptFailsSaysSoInsteadOfRunningForever() {
        String trigger = "test_refuse_all_" + customers.replace("-", "").substring(0, 12);
        try {
            Delivery.execute("create function " + trigger + "() returns trigger language plpgsql as $$ begin "
                    + "raise exception 'simulated crash'; end $$");
            Delivery.execute("create trigger " + trigger + " before insert on record for each row when (new.form_id = '"
                    + customers + "') execute function " + trigger + "()");
            Response uploaded = upload("a.csv", "姓名\n张三\n".getBytes(StandardCharsets.UTF_8));
            String id = uploaded.path("id");
            f.admin.api().body(Map.of("mapping", List.of(Map.of("column", 0, "field", "name"))))
                    .post(imports() + "/" + id + "/start").then().statusCode(202);
            for (int attempt = 0; attempt < 3; attempt++) {
                Delivery.dueNow(RecordImportJobHandler.TYPE);
                Delivery.drain();
            }
            given().cookie("qb_session", f.admin.cookie()).header("Accept-Language", "zh-CN").accept("application/json")
                    .get(imports() + "/" + id).then().body("state", equalTo("failed")).body("importedRows", equalTo(0))
                    .body("failure.code", equalTo("import.interrupted")).body("failure.message", containsString("没有导入任何记录"));
            assertEquals(0, records());
            assertEquals(0, count("select count(*) from job where payload->>'import' = ?", id), "not left in the dead letters");
            assertEquals(0, count("select count(*) from stored_file where id = (select file_id from record_import where id = ?)",
                    UUID.fromString(id)));
        } finally {
            Delivery.execute("drop trigger if exists " + trigger + " on record");
            Delivery.execute("drop function if exists " + trigger + "()");
        }
    }

    @Test
    void gbkCsvFromChineseExcelImportsRight() {
        String csv = "姓名;手机;等级\r\n刘德华;13700137000;钻石\r\n郭富城;13600136000;金卡\r\n";
        Response done = importFile("gbk.csv", csv.getBytes(Charset.forName("GBK")), MAPPING, false);
        done.then().body("state", equalTo("done")).body("importedRows", equalTo(2)).body("encoding", equalTo("GB18030"));
        f.admin.api().queryParam("filter", "{\"field\":\"name\",\"op\":\"eq\",\"value\":\"刘德华\"}").get(f.records(customers))
                .then().body("items", hasSize(1)).body("items[0].data.level", equalTo("diamond"));
    }

    @Test
    void oneBadRowImportsNothingByDefaultAndTheReportSaysWhereAndWhy() {
        f.createOk(customers, Map.of("name", "老客户", "mobile", "13500135000"));
        String csv = "姓名,手机,消费\n好人,13800138000,10\n,13800138001,10\n坏号码,12345,10\n重复,13800138000,1\n已有,13500135000,1\n";
        Response failed = importFile("bad.csv", csv.getBytes(StandardCharsets.UTF_8), MAPPING, false);
        failed.then().body("state", equalTo("failed")).body("importedRows", equalTo(0)).body("errorRows", equalTo(4))
                .body("failure.code", equalTo("import.rows-invalid")).body("failure.message", containsString("4"));
        assertEquals(1, records());
        String report = given().cookie("qb_session", f.admin.cookie()).header("Accept-Language", "zh-CN")
                .get(imports() + "/" + failed.path("id") + "/errors").then().statusCode(200)
                .contentType(containsString("text/csv")).extract().asString();
        assertTrue(report.startsWith("\ufeff行号,列,字段,值,问题"), report);
        assertTrue(report.contains("3,姓名,姓名,,必填。"), report);
        assertTrue(report.contains("4,手机,手机,12345,"), report);
        assertTrue(report.contains("5,手机,手机,13800138000,"), report);
        assertTrue(report.contains("6,,手机,13500135000,"), report);
        String english = given().cookie("qb_session", f.admin.cookie()).header("Accept-Language", "en")
                .get(imports() + "/" + failed.path("id") + "/errors").then().extract().asString();
        assertTrue(english.startsWith("\ufeffRow,Column,Field,Value,Problem"), english);
        // the report and the samples show the sheet as uploaded: an import is its uploader's own, even to a
        // role that may delete records (which once read everyone's)
        io.qiaoban.core.testing.Session builder = f.admin.addMember(f.workspace, "builder");
        builder.api().get(imports()).then().statusCode(200).body("", hasSize(0));
        builder.api().get(imports() + "/" + failed.path("id")).then().statusCode(404);
        given().cookie("qb_session", builder.cookie()).get(imports() + "/" + failed.path("id") + "/errors").then().statusCode(404);

        Response skipped = importFile("bad.csv", csv.getBytes(StandardCharsets.UTF_8), MAPPING, true);
        skipped.then().body("state", equalTo("done")).body("importedRows", equalTo(1)).body("errorRows", equalTo(4));
        assertEquals(2, records());
    }

    @Test
    void xlsxCellsAreReadByTheirValueNotTheirDisplay() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (XSSFWorkbook book = new XSSFWorkbook()) {
            XSSFSheet sheet = book.createSheet("客户");
            Row header = sheet.createRow(0);
            String[] names = {"姓名", "手机", "消费", "首次购买"};
            for (int i = 0; i < names.length; i++) {
                header.createCell(i).setCellValue(names[i]);
            }
            CellStyle date = book.createCellStyle();
            date.setDataFormat(book.getCreationHelper().createDataFormat().getFormat("m/d/yy"));
            CellStyle money = book.createCellStyle();
            money.setDataFormat(book.getCreationHelper().createDataFormat().getFormat("#,##0.00"));
            Row row = sheet.createRow(1);
            row.createCell(0).setCellValue("赵六");
            row.createCell(1).setCellValue(13800138000d);
            row.createCell(2).setCellValue(12345.6);
            row.getCell(2).setCellStyle(money);
            row.createCell(3).setCellValue(LocalDate.of(2024, 5, 20));
            row.getCell(3).setCellStyle(date);
            sheet.createRow(3).createCell(0).setCellValue("钱七");
            book.write(out);
        }
        importFile("客户.xlsx", out.toByteArray(), MAPPING, false).then().body("state", equalTo("done"))
                .body("importedRows", equalTo(2)).body("format", equalTo("xlsx"));
        f.admin.api().queryParam("filter", "{\"field\":\"name\",\"op\":\"eq\",\"value\":\"赵六\"}").get(f.records(customers))
                .then().body("items[0].data.mobile", equalTo("13800138000")).body("items[0].data.spend", equalTo(12345.60f))
                .body("items[0].data.since", equalTo("2024-05-20"));
    }

    @Test
    void filesThatAreNoSheetsAreRefusedAtUpload() throws Exception {
        byte[] xls = {(byte) 0xd0, (byte) 0xcf, 0x11, (byte) 0xe0, (byte) 0xa1, (byte) 0xb1, 0x1a, (byte) 0xe1};
        upload("old.xls", xls).then().statusCode(400).contentType("application/problem+json")
                .body("type", containsString("import.xls-unsupported"));
        upload("empty.csv", new byte[0]).then().statusCode(400).body("type", containsString("import.empty-file"));
        upload("zip.xlsx", zip(Map.of("hello.txt", "not a workbook".getBytes()))).then().statusCode(400)
                .body("type", containsString("import.malformed-xlsx"));
        // a zip bomb: 100 MB of zeros that compress to ~100 KB
        upload("bomb.xlsx", zip(Map.of("xl/worksheets/sheet1.xml", new byte[100 * 1024 * 1024]))).then().statusCode(400)
                .body("type", containsString("import.malformed-xlsx"));
        assertEquals(0, count("select count(*) from record_import where form_id = ?", UUID.fromString(customers)));
    }

    @Test
    void externalEntitiesInAWorkbookAreNeverResolved() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (XSSFWorkbook book = new XSSFWorkbook()) {
            book.createSheet("s").createRow(0).createCell(0).setCellValue("姓名");
            book.write(out);
        }
        byte[] evil = replaceEntry(out.toByteArray(), "xl/worksheets/sheet1.xml", ("<?xml version=\"1.0\"?>"
                + "<!DOCTYPE x [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
                + "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
                + "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&xxe;</t></is></c></row></sheetData></worksheet>")
                .getBytes(StandardCharsets.UTF_8));
        Response response = upload("xxe.xlsx", evil);
        response.then().statusCode(400).contentType("application/problem+json");
        assertTrue(!response.asString().contains("root:"), response.asString());
    }

    @Test
    void aBrokenCsvFailsTheImportWithoutWritingAnything() {
        StringBuilder csv = new StringBuilder("姓名,手机\n");
        for (int i = 0; i < 20; i++) {
            csv.append("客户").append(i).append(",\n");
        }
        csv.append("\"没有闭合的引号,\n");
        Response failed = importFile("broken.csv", csv.toString().getBytes(StandardCharsets.UTF_8), MAPPING, true);
        failed.then().body("state", equalTo("failed")).body("failure.code", equalTo("import.malformed-csv"));
        assertEquals(0, records());
    }

    @Test
    void mappingsThatCannotWorkAreRefusedBeforeAnyRowIsRead() {
        String id = upload("m.csv", "姓名,手机,编号\n张三,13800138000,1\n".getBytes(StandardCharsets.UTF_8))
                .then().statusCode(201).extract().path("id");
        f.admin.api().body(Map.of("mapping", List.of(Map.of("column", 1, "field", "mobile"))))
                .post(imports() + "/" + id + "/start").then().statusCode(400).contentType("application/problem+json")
                .body("errors.code", hasItem("import.required-unmapped"));
        f.admin.api().body(Map.of("mapping", List.of(Map.of("column", 0, "field", "name"), Map.of("column", 2, "field", "no"),
                        Map.of("column", 9, "field", "mobile"), Map.of("column", 1, "field", "nope"))))
                .post(imports() + "/" + id + "/start").then().statusCode(400)
                .body("errors.code", hasItem("import.mapping-computed")).body("errors.code", hasItem("import.mapping-column"))
                .body("errors.code", hasItem("form.value.unknownField"));
        f.admin.api().get(imports() + "/" + id).then().body("state", equalTo("uploaded"));
        f.admin.api().body(Map.of("mapping", List.of(Map.of("column", 0, "field", "name"))))
                .post(imports() + "/" + id + "/start").then().statusCode(202);
        f.admin.api().body(Map.of("mapping", List.of(Map.of("column", 0, "field", "name"))))
                .post(imports() + "/" + id + "/start").then().statusCode(409);
    }

    @Test
    void uploadsNeedTheUploadHeaderStayUnderTheLimitAndStayInTheirWorkspace() {
        // a cross-site form can post multipart, but not with a custom header
        given().cookie("qb_session", f.admin.cookie()).multiPart("file", "a.csv", "姓名\n张三\n".getBytes(StandardCharsets.UTF_8))
                .post(imports()).then().statusCode(415).contentType("application/problem+json");
        // the test profile allows 5 MiB
        upload("big.csv", new byte[6 * 1024 * 1024]).then().statusCode(413).contentType("application/problem+json")
                .body("type", containsString("file.too-large"));
        given().cookie("qb_session", f.admin.cookie()).header("X-Qiaoban-Upload", "1").multiPart("other", "x")
                .post(imports()).then().statusCode(400).contentType("application/problem+json");
        String id = upload("a.csv", "姓名\n张三\n".getBytes(StandardCharsets.UTF_8)).then().statusCode(201).extract().path("id");

        Forms other = new Forms(TestUsers.platformAdmin(), "别的空间");
        String otherForm = other.publish("c", "客户", List.of(field("name", "姓名", "text")));
        other.admin.api().get(other.forms() + "/" + otherForm + "/imports/" + id).then().statusCode(404);
        var member = f.admin.addMember(f.workspace, "member");
        member.api().get(imports() + "/" + id).then().statusCode(404); // not theirs
        member.api().get(imports()).then().statusCode(200).body("", hasSize(0));
    }

    @Test
    void aSecondRunOfAFinishedImportChangesNothing() {
        Response done = importFile("a.csv", "姓名\n张三\n李四\n".getBytes(StandardCharsets.UTF_8), MAPPING, false);
        done.then().body("state", equalTo("done"));
        // as if the worker died after the import committed but before its job was removed
        io.qiaoban.core.job.JobQueue queue = io.quarkus.arc.Arc.container().instance(io.qiaoban.core.job.JobQueue.class).get();
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> queue.enqueue(io.qiaoban.core.job.NewJob.of(
                RecordImportJobHandler.TYPE, com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                        .put("import", done.<String>path("id"))).inWorkspace(f.workspace)));
        Delivery.drain();
        assertEquals(2, records());
    }

    static byte[] zip(Map<String, byte[]> entries) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    static byte[] replaceEntry(byte[] zipped, String name, byte[] content) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (var in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zipped));
                ZipOutputStream zip = new ZipOutputStream(out)) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                zip.putNextEntry(new ZipEntry(e.getName()));
                zip.write(e.getName().equals(name) ? content : in.readAllBytes());
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }
}
