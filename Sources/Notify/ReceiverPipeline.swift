/// Alertmanager's FanoutStage for one receiver: every integration's pipeline runs concurrently, and the
/// job succeeds only if all of them do (their failures are combined, as Go's MultiError).
public struct ReceiverPipeline: Sendable {
    public let receiver: String
    public let integrations: [IntegrationPipeline]

    /// The fan-out over `integrations` (a receiver without integrations succeeds and sends nothing).
    public init(receiver: String, integrations: [IntegrationPipeline]) {
        self.receiver = receiver
        self.integrations = integrations
    }

    /// Runs the job through every integration; returns the outcomes in configuration order.
    public func run(_ job: NotificationJob, wait: Duration = .zero) async throws(NotifyFailure) -> [IntegrationOutcome] {
        // Results are collected as they come and put back in configuration order afterwards. (Writing them
        // into a pre-sized array by index from inside `for await` trapped in release builds under load: an
        // Array.subscript.modify crash at this line took the notifier down with 1,000 jobs in flight.)
        let results = await withTaskGroup(of: (Int, Result<IntegrationOutcome, NotifyFailure>).self) { group in
            for (index, pipeline) in self.integrations.enumerated() {
                group.addTask {
                    do {
                        return (index, .success(try await pipeline.run(job, wait: wait)))
                    } catch let failure as NotifyFailure {
                        return (index, .failure(failure))
                    } catch {
                        return (index, .failure(NotifyFailure("\(error)")))
                    }
                }
            }
            var collected: [(Int, Result<IntegrationOutcome, NotifyFailure>)] = []
            collected.reserveCapacity(self.integrations.count)
            for await entry in group {
                collected.append(entry)
            }
            return collected.sorted { $0.0 < $1.0 }.map(\.1)
        }
        var outcomes: [IntegrationOutcome] = []
        var failures: [NotifyFailure] = []
        for result in results {
            switch result {
            case .success(let outcome): outcomes.append(outcome)
            case .failure(let failure): failures.append(failure)
            }
        }
        if !failures.isEmpty { throw NotifyFailure.combining(failures) }
        return outcomes
    }
}
