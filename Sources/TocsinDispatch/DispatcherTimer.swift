/// The dispatcher's timers, all kept in one `TimerScheduler`.
enum DispatcherTimer: Hashable, Sendable {
    /// An aggregation group's next tick.
    case group(GroupID)
    /// When a group's flush in flight counts as failed if the notifier has not acknowledged it.
    case flushDeadline(GroupID)
    /// The periodic deletion of empty groups (every 30s, from the dispatcher's start or last reload).
    case emptyGroupCleanup
    /// The alert store's garbage collection (`--alerts.gc-interval`, not reset by reloads).
    case garbageCollection
}
