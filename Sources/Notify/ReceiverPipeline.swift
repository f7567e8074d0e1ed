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
        let results = await withTaskGroup(of: (Int, Result<IntegrationOutcome, NotifyFailure>).self) { group in
            for (index, pipeline) in self.integrations.enumerated() {
                group.addTask {
                    do throws(NotifyFailure) {
                        return (index, .success(try await pipeline.run(job, wait: wait)))
                    } catch {
                        return (index, .failure(error))
                    }
                }
            }
            var results = [Result<IntegrationOutcome, NotifyFailure>?](repeating: nil, count: self.integrations.count)
            for await (index, result) in group { results[index] = result }
            return results.compactMap { $0 }
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
