import Foundation
import StateStore
import TocsinModel

// Opens a state store in the directory given as the only argument and creates silences from four
// concurrent tasks until it is killed, writing each id to stdout once `setSilence` has returned (that is,
// once the change is acknowledged as durable). The crash test kills it with SIGKILL and checks every
// printed id is in the reopened store.

guard CommandLine.arguments.count == 2 else {
    FileHandle.standardError.write(Data("usage: state-crash-harness <directory>\n".utf8))
    exit(2)
}
let store: StateStore
do {
    store = try StateStore(configuration: StateStoreConfiguration(directory: CommandLine.arguments[1]))
} catch {
    FileHandle.standardError.write(Data("state-crash-harness: \(error)\n".utf8))
    exit(1)
}
let matcher = try Matcher(name: "harness", type: .equal, value: "crash")

await withTaskGroup(of: Void.self) { group in
    for worker in 0..<4 {
        group.addTask {
            var sequence = 0
            while true {
                sequence += 1
                let now = Date()
                let silence = Silence(
                    id: "", matchers: [matcher], startsAt: now, endsAt: now.addingTimeInterval(3600),
                    updatedAt: now, createdBy: "harness", comment: "worker \(worker) #\(sequence)")
                do {
                    let id = try await store.setSilence(silence)
                    // One write(2) per line, so lines from different tasks never interleave.
                    FileHandle.standardOutput.write(Data((id + "\n").utf8))
                } catch {
                    FileHandle.standardError.write(Data("state-crash-harness: \(error)\n".utf8))
                    exit(1)
                }
            }
        }
    }
}
