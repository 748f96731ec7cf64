package dev.harrier.store;

/**
 * One transaction that adds objects to a {@link Store}.
 *
 * <p>{@link #put} may buffer; {@link #commit()} flushes and commits atomically. Closing a session that was not
 * committed rolls it back. A session is used by one thread.
 */
public interface ImportSession extends AutoCloseable {

    /** Adds an object (or a version of one). Errors of the database surface as {@link StoreException}. */
    void put(IncomingObject object);

    /** Counts so far (flushing buffered objects first). */
    ImportCounts counts();

    /** Flushes, records the import in the history and commits. */
    ImportCounts commit();

    /** Abandons everything put in this session. */
    void rollback();

    @Override
    void close();
}
