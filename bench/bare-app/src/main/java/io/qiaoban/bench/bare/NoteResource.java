package io.qiaoban.bench.bare;

import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.util.List;

/** A minimal REST + Hibernate app, the reference Qiaoban's start-up is measured against. */
@Path("/notes")
public class NoteResource {
    @GET
    public List<Note> list() {
        return Note.listAll();
    }

    @POST
    @Transactional
    public Note add(Note note) {
        note.persist();
        return note;
    }
}
