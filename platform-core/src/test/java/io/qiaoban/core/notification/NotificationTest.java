package io.qiaoban.core.notification;

import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qiaoban.core.testing.Session;
import io.qiaoban.core.testing.TestUsers;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * In-app notices on the real database: sent in the sender's transaction (a rolled-back change sends
 * nothing), once per cause, rendered in the reader's language, read only by their addressee, marked
 * read one by one or all at once.
 */
@QuarkusTest
class NotificationTest {
    @Inject
    Notifications notifications;

    @Test
    void aMemberReadsTheirOwnNoticesInTheirLanguageAndMarksThemRead() {
        Session owner = TestUsers.platformAdmin();
        UUID workspace = owner.createWorkspace("通知 " + UUID.randomUUID());
        Session member = owner.addMember(workspace, "member");
        Session other = owner.addMember(workspace, "member");
        String path = "/api/v1/workspaces/" + workspace + "/notifications";
        String cause = "test:" + UUID.randomUUID();

        QuarkusTransaction.requiringNew().run(() -> {
            assertTrue(notifications.send(new Notice(workspace, member.userId(), "notification.test", List.of("折扣审批", "财务会签"),
                    "/w/" + workspace + "/inbox", cause)));
            // the same cause again (a retried job): nothing more
            assertFalse(notifications.send(new Notice(workspace, member.userId(), "notification.test", List.of("折扣审批", "财务会签"),
                    "/w/" + workspace + "/inbox", cause)));
            notifications.send(new Notice(workspace, member.userId(), "notification.test", List.of("退款审批", "主管审批"), null,
                    cause + ":2"));
        });
        // sent in a transaction that rolls back: never sent
        assertThrows(IllegalStateException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            notifications.send(new Notice(workspace, member.userId(), "notification.test", List.of("作废", "作废"), null, cause + ":3"));
            throw new IllegalStateException("the change failed");
        }));

        member.api().get(path).then().statusCode(200)
                .body("unread", equalTo(2))
                .body("items", hasSize(2))
                .body("items[0].title", equalTo("审批提醒：退款审批"))
                .body("items[1].body", equalTo("“折扣审批”的“财务会签”在等你处理。"))
                .body("items[1].link", equalTo("/w/" + workspace + "/inbox"));
        member.api().header("Accept-Language", "en").get(path).then()
                .body("items[1].body", equalTo("Step \"财务会签\" of \"折扣审批\" is waiting for you."));
        other.api().get(path).then().statusCode(200).body("unread", equalTo(0)).body("items", empty());

        long first = member.api().get(path).then().extract().jsonPath().getLong("items[1].id");
        other.api().post(path + "/" + first + "/read").then().statusCode(404).contentType("application/problem+json");
        member.api().get(path).then().body("unread", equalTo(2));
        member.api().post(path + "/" + first + "/read").then().statusCode(204);
        member.api().post(path + "/" + first + "/read").then().statusCode(204);
        member.api().get(path).then().body("unread", equalTo(1)).body("items[1].readAt", org.hamcrest.Matchers.notNullValue());
        member.api().post(path + "/read").then().statusCode(204);
        member.api().get(path).then().body("unread", equalTo(0)).body("items", hasSize(2));
    }
}
