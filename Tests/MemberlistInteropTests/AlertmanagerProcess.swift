import Foundation
import TestSupport

/// A real `prometheus-alertmanager` 0.25 on loopback, stopped (and its directory removed) on `stop()`.
final class AlertmanagerProcess {
    let clusterPort: UInt16
    let webPort: UInt16
    let directory: URL
    let process: TestProcess

    static var isInstalled: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/prometheus-alertmanager") }

    init(clusterPort: UInt16, webPort: UInt16, pushPullInterval: String = "5s") throws {
        self.clusterPort = clusterPort
        self.webPort = webPort
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("memberlist-interop-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let config = directory.appendingPathComponent("alertmanager.yml")
        try "route:\n  receiver: blackhole\nreceivers:\n  - name: blackhole\n".write(to: config, atomically: false, encoding: .utf8)
        process = try TestProcess.start(
            "/usr/bin/prometheus-alertmanager",
            [
                "--config.file=\(config.path)",
                "--storage.path=\(directory.path)",
                "--web.listen-address=127.0.0.1:\(webPort)",
                "--cluster.listen-address=127.0.0.1:\(clusterPort)",
                "--cluster.pushpull-interval=\(pushPullInterval)",
                "--log.level=debug",
            ])
    }

    /// What Alertmanager has logged so far (it logs to standard error).
    var log: String { process.standardError }

    /// Kills Alertmanager (the tests are done with it; nothing of its state is kept) and removes its directory.
    func stop() {
        process.send(signal: SIGKILL)
        try? FileManager.default.removeItem(at: directory)
    }
}
