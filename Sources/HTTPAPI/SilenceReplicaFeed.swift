import Logging
import ServiceLifecycle
import TocsinDispatch
import TocsinModel
import TocsinWire

/// Keeps the dispatcher's silence replica in step with tocsin-state: subscribes to the "state" topic and
/// applies every silence event; a `resync` (first connection, or a state-store restart) replaces the replica
/// with the store's current list, so a silence removed while we were away cannot linger and none in force
/// stops muting during the rebuild.
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

    /// Every silence tocsin-state holds; empty when it cannot answer (the snapshot events rebuild the replica).
    private func currentSilences() async -> [Silence] {
        var request = Tocsin_State_V1_StateRequest()
        request.querySilences = Tocsin_State_V1_QuerySilences()
        guard case .state(let response)? = try? await state.request(.state(request), timeout: .seconds(5)),
            case .silences(let silences)? = response.body
        else {
            logger.warning("Listing silences for a resynchronisation failed")
            return []
        }
        return silences.silences.compactMap(Silence.init(protobuf:))
    }

    private func apply(_ update: WireSubscriptionUpdate) async {
        switch update {
        case .resync:
            // Replace the replica in one step with the store's full list, so no silence stops muting while
            // the snapshot events stream in; they and later changes then apply on top, in order.
            let current = await currentSilences()
            await runtime.updateSilences { replica in
                replica.removeAll()
                current.forEach { replica.upsert($0) }
            }
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
