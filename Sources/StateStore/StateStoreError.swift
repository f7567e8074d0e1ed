import Foundation
import TocsinModel

/// Why a state store call failed. Descriptions read like Alertmanager's messages where it has one, so the
/// API can pass them to clients unchanged.
public enum StateStoreError: Error, Sendable, CustomStringConvertible {
    /// An update named a silence id the store does not hold (silence.go `ErrNotFound`).
    case silenceNotFound
    /// The silence failed validation; Alertmanager 0.25 wraps the reason as `silence invalid: ...`.
    case invalidSilence(SilenceValidationError)
    /// Creating the silence would exceed `maxSilences` (counting expired ones, as Alertmanager does).
    case tooManySilences(count: Int, limit: Int)
    /// The encoded `MeshSilence` is larger than `maxSilenceSizeBytes`.
    case silenceTooLarge(size: Int, limit: Int)
    /// Remote state held a silence without its body or an nflog entry without entry or receiver; the whole
    /// blob is rejected, as Alertmanager's `decodeState` does (`ErrInvalidState`).
    case invalidState
    /// Remote state could not be decoded at all.
    case malformedState(offset: Int, reason: String)
    /// A snapshot file is damaged; the store refuses to start rather than start empty.
    case corruptSnapshot(path: String, offset: Int, reason: String)
    /// The append-only log is damaged before its last record (a torn last record is repaired, not this).
    case corruptLog(path: String, offset: Int, reason: String)
    /// Another store (process) holds the storage directory.
    case directoryLocked(path: String)
    /// A system call on a storage file failed.
    case io(operation: String, path: String, errno: Int32)
    /// An earlier write or fsync failed, so memory and disk may disagree: the store accepts no more changes
    /// and must be reopened (which replays the disk state).
    case storageFailed(String)
    /// The store was closed.
    case closed

    public var description: String {
        switch self {
        case .silenceNotFound: "silence not found"
        case .invalidSilence(let reason): "silence invalid: \(reason)"
        case .tooManySilences(let count, let limit):
            "exceeded maximum number of silences: \(count) (limit: \(limit))"
        case .silenceTooLarge(let size, let limit):
            "silence exceeded maximum size: \(size) bytes (limit: \(limit) bytes)"
        case .invalidState: "invalid state"
        case .malformedState(let offset, let reason): "malformed state at byte \(offset): \(reason)"
        case .corruptSnapshot(let path, let offset, let reason):
            "corrupt snapshot \(path) at byte offset \(offset): \(reason)"
        case .corruptLog(let path, let offset, let reason):
            "corrupt state log \(path) at byte offset \(offset): \(reason)"
        case .directoryLocked(let path): "storage directory \(path) is in use by another process"
        case .io(let operation, let path, let errno):
            "\(operation) \(path): \(String(cString: strerror(errno)))"
        case .storageFailed(let reason): "state store stopped accepting changes after a storage failure: \(reason)"
        case .closed: "state store is closed"
        }
    }
}
