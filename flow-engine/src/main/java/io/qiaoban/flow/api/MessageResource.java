package io.qiaoban.flow.api;

import io.qiaoban.flow.message.MessageLog;
import io.qiaoban.flow.message.MessageService;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;

/** Messages flows sent or held back, and the opt-out list (退订). */
@Path("/v1/workspaces/{workspaceId}")
public class MessageResource {
    public record OptOut(String recipient) {
    }

    private final MessageService messages;

    MessageResource(MessageService messages) {
        this.messages = messages;
    }

    @GET
    @Path("/messages")
    public List<MessageLog.Message> list(@PathParam("workspaceId") UUID workspaceId, @QueryParam("recipient") String recipient,
            @QueryParam("limit") @DefaultValue("100") int limit) throws Exception {
        return messages.latest(workspaceId, recipient, limit);
    }

    @GET
    @Path("/message-opt-outs")
    public List<MessageLog.OptOut> optOuts(@PathParam("workspaceId") UUID workspaceId, @QueryParam("recipient") String recipient,
            @QueryParam("limit") @DefaultValue("100") int limit) throws Exception {
        return messages.optOuts(workspaceId, recipient, limit);
    }

    @POST
    @Path("/message-opt-outs")
    public Response optOut(@PathParam("workspaceId") UUID workspaceId, OptOut request) throws Exception {
        messages.optOut(workspaceId, request == null ? null : request.recipient());
        return Response.noContent().build();
    }

    @DELETE
    @Path("/message-opt-outs")
    public Response optIn(@PathParam("workspaceId") UUID workspaceId, @QueryParam("recipient") String recipient) throws Exception {
        messages.optIn(workspaceId, recipient);
        return Response.noContent().build();
    }
}
