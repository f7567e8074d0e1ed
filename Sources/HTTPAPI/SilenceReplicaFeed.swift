import Logging
import ServiceLifecycle
import TocsinDispatch
import TocsinModel
import TocsinWire

/// Keeps the dispatcher's silence replica in step with tocsin-state: subscribes to the "state" topic and
/// applies every silence event; a `resync` (first connection, or a state-store restart) clears the replica
/// before the full state that follows rebuilds it, so a silence removed while we were away cannot linger.
public struct SilenceReplicaFeed: Service {
    let state: WireClient
    let runtime: DispatcherRuntime
    let logger: Logger

    public init(state: WireClient, runtime: DispatcherRuntime, logger: Logger) {
        self.state = state
        self.runtime = runtime
        self.logger = logger
    }

    public func run() async throws {
        try await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    for try await update in await state.subscribe(to: "state") {
                        await apply(update)
                    }
                } catch {
                    logger.warning("The state subscription ended", metadata: ["err": "\(error)"])
                }
                try? await Task.sleep(for: .milliseconds(200))
            }
        }
    }

    private func apply(_ update: WireSubscriptionUpdate) async {
        switch update {
        case .resync:
            await runtime.updateSilences { $0.removeAll() }
        case .event(let event):
            guard case .state(let change)? = event.body else { return }
            switch change.change {
            case .silence(let mesh)?:
                guard let silence = Silence(protobuf: mesh.silence) else { return }
                await runtime.updateSilences { $0.upsert(silence) }
            case .silenceRemoved(let id)?:
                await runtime.updateSilences { $0.remove(id) }
            case .nflogEntry?, .nflogEntryRemoved?, nil:
                return
            }
        }
    }
}
