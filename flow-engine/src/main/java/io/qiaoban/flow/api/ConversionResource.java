package io.qiaoban.flow.api;

import io.qiaoban.flow.conversion.Conversion;
import io.qiaoban.flow.conversion.ConversionService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.UUID;

/** A journey's goal conversion per version and A/B variant. */
@Path("/v1/workspaces/{workspaceId}/apps/{appId}/flows/{flowId}/conversion")
public class ConversionResource {
    private final ConversionService conversions;

    ConversionResource(ConversionService conversions) {
        this.conversions = conversions;
    }

    @GET
    public Conversion get(@PathParam("workspaceId") UUID workspaceId, @PathParam("appId") UUID appId,
            @PathParam("flowId") UUID flowId) throws Exception {
        return conversions.of(workspaceId, appId, flowId);
    }
}
