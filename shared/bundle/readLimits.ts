/** Size limits of the bundle readers: what keeps memory bounded whatever a file holds. */

/** A text line (plain, tail or JSON Lines) longer than this is skipped. */
export const MAX_LINE_BYTES = 1024 * 1024;

/**
 * One JSON element (an event of an "events" array, an Insights row, a document-level object)
 * longer than this is skipped. CloudWatch Logs accepts events of up to 1 MB; JSON escaping can
 * make such an event's text somewhat larger, hence the head room.
 */
export const MAX_JSON_ELEMENT_BYTES = 2 * 1024 * 1024;

/** A message put together from continuation lines stops growing at this many characters. */
export const MAX_MESSAGE_CHARS = 1024 * 1024;

/** Bytes asked of the file system per read. */
export const READ_CHUNK_BYTES = 256 * 1024;

/** Default cap of readJsonDocument (alarm, stage, export, functions, metrics, changes, traces). */
export const MAX_DOCUMENT_BYTES = 64 * 1024 * 1024;
