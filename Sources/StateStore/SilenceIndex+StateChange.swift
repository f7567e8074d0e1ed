import TocsinModel

extension SilenceIndex {
    /// Applies one change from the store's change stream to a replica (other kinds of change are ignored),
    /// so a replica built from `StateStore.subscribe()` stays equal to the store's own index.
    public mutating func apply(_ change: StateChange) {
        switch change.kind {
        case .silence(let stored):
            if let silence = stored.silence {
                insert(silence)
            } else {
                remove(id: stored.id)
            }
        case .silenceRemoved(let id):
            remove(id: id)
        default:
            break
        }
    }
}
