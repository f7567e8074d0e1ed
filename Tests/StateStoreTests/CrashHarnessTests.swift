import Foundation
import StateStore
import Testing
import TestSupport
import TocsinModel

/// Kills a process that is writing silences with SIGKILL at random moments and checks that every silence
/// it reported as acknowledged is in the store after reopening.
@Suite("kill -9: no acknowledged silence is lost", .serialized)
struct CrashHarnessTests {
    /// The harness executable, built next to the test bundle.
    static var harnessPath: String? {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
            Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent(),
        ]
        for directory in candidates {
            let path = directory.appendingPathComponent("state-crash-harness").path
            if FileManager.default.isExecutableFile(atPath: path) {
                return path
            }
        }
        return nil
    }

    @Test(.enabled(if: harnessPath != nil, "state-crash-harness was not built next to the tests"))
    func everyPrintedIDSurvivesSIGKILL() async throws {
        let harness = try #require(Self.harnessPath)
        let directory = TemporaryDirectory()
        var acknowledged: Set<String> = []
        for round in 0..<5 {
            let process = try TestProcess.start(harness, [directory.path])
            // Kill at a random moment once ids are flowing (a loaded machine may take a while to start).
            let deadline = ContinuousClock.now + .seconds(30)
            while ContinuousClock.now < deadline, !process.standardOutput.contains("\n") {
                try await Task.sleep(for: .milliseconds(10))
            }
            try await Task.sleep(for: .milliseconds(Int.random(in: 20...400)))
            // While the harness runs, its directory is locked against this process.
            #expect {
                _ = try StateStore(configuration: StateStoreConfiguration(directory: directory.path))
            } throws: { error in
                if case .directoryLocked = error as? StateStoreError { true } else { false }
            }
            process.send(signal: SIGKILL)
            let exit = await process.waitForExit(timeout: .seconds(30))
            #expect(exit == .signalled(SIGKILL), "round \(round): \(process.standardError)")
            let text = process.standardOutput
            // Only whole lines are acknowledged ids; a line cut by the kill is not.
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            lines.removeLast()
            #expect(!lines.isEmpty, "round \(round): the harness printed no id before the kill")
            acknowledged.formUnion(lines)

            let store = try StateStore(configuration: StateStoreConfiguration(directory: directory.path))
            let present = Set(await store.querySilences(SilenceQuery()).map(\.id))
            let missing = acknowledged.subtracting(present)
            #expect(missing.isEmpty, "round \(round): \(missing.count) acknowledged silences lost")
            try await store.close(snapshot: round % 2 == 0)
        }
        directory.remove()
    }
}
