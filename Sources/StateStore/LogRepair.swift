/// What opening the store cut off the end of the append-only log: a record torn by a crash in the middle of
/// a write. Such a record was never acknowledged (its fsync had not returned), so cutting it loses nothing
/// that a caller was told is stored; it is reported so an operator can see that a crash happened.
public struct LogRepair: Sendable, Hashable, CustomStringConvertible {
    /// The log file.
    public var path: String
    /// Byte offset where the torn record started; the log now ends here.
    public var offset: Int
    /// How many bytes were cut.
    public var discardedBytes: Int
    /// Why the tail was judged torn.
    public var reason: String

    public var description: String {
        "cut torn record at byte offset \(offset) of \(path) (\(discardedBytes) bytes): \(reason)"
    }
}
