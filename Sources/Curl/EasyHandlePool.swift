/// Idle easy handles kept for reuse, so a steady stream of deliveries does not allocate a handle
/// (and its DNS and TLS-session caches) per request. Driver thread only.
struct EasyHandlePool {
    private var idle: [EasyHandle] = []
    private let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// An idle handle, or a new one; nil only when libcurl cannot allocate.
    mutating func take() -> EasyHandle? {
        idle.popLast() ?? EasyHandle()
    }

    /// Returns a handle whose transfer is over (and which is no longer in the multi handle).
    mutating func give(_ handle: EasyHandle) {
        handle.prepareForTransfer(operation: "")
        if idle.count < capacity {
            idle.append(handle)
        }
    }

    /// Frees every idle handle.
    mutating func drain() {
        idle.removeAll()
    }
}
