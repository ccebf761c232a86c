package io.qiaoban.core.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns every failure into a problem document in the caller's language; never a stack trace. */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, HttpHeaders headers) {
        return respond(headers, e);
    }

    @ServerExceptionMapper(priority = 1)
    public Response json(JsonProcessingException e, HttpHeaders headers) {
        return respond(headers, fromJson(e));
    }

    @ServerExceptionMapper(priority = 1)
    public Response mismatched(MismatchedInputException e, HttpHeaders headers) {
        return respond(headers, fromJson(e));
    }

    @ServerExceptionMapper(priority = 1)
    public Response http(WebApplicationException e, HttpHeaders headers) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return respond(headers, fromJson(json));
        }
        int status = e.getResponse().getStatus();
        String code = switch (status) {
            case 404 -> "route-not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 413 -> "body-too-large";
            case 415 -> "unsupported-media-type";
            case 401 -> "unauthenticated";
            case 403 -> "forbidden";
            default -> status >= 500 ? "internal" : "bad-request";
        };
        if (status >= 500) {
            return internal(e, headers);
        }
        return respond(headers, new ProblemException(status, code));
    }

    @ServerExceptionMapper(priority = 10)
    public Response unexpected(Throwable e, HttpHeaders headers) {
        if (e instanceof ProblemException p) {
            return respond(headers, p);
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof java.sql.SQLException sql && "23505".equals(sql.getSQLState())) {
                // a concurrent request created the same name between our check and our commit
                return respond(headers, new ProblemException(409, "duplicate"));
            }
        }
        return internal(e, headers);
    }

    private Response internal(Throwable e, HttpHeaders headers) {
        String incident = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected failure, incident %s", incident);
        return respond(headers, new ProblemException(500, "internal", incident));
    }

    static ProblemException fromJson(JsonProcessingException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof ProblemException problem) {
                return problem; // raised while the body was read, e.g. the body limit
            }
        }
        if (e instanceof StreamConstraintsException) {
            return new ProblemException(400, "json-too-deep");
        }
        if (e instanceof JsonParseException) {
            return new ProblemException(400, "malformed-json");
        }
        if (e instanceof JsonMappingException mapping) {
            if (mapping.getCause() instanceof StreamConstraintsException) {
                return new ProblemException(400, "json-too-deep");
            }
            String field = path(mapping);
            String code = mapping instanceof UnrecognizedPropertyException ? "unknown-field"
                    : mapping instanceof InvalidFormatException || mapping instanceof MismatchedInputException
                            ? "wrong-type" : "malformed-json";
            if (field.isEmpty()) {
                return new ProblemException(400, code.equals("wrong-type") ? "body-shape" : "malformed-json");
            }
            return new ProblemException(400, "validation", List.of(new FieldError(field, code, null)), field);
        }
        return new ProblemException(400, "malformed-json");
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    static Response respond(HttpHeaders headers, ProblemException e) {
        Locale locale = Messages.fromAcceptLanguage(headers == null ? null : headers.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE));
        return Response.status(e.status()).type(Problem.MEDIA_TYPE).entity(Messages.problem(locale, e)).build();
    }
}
