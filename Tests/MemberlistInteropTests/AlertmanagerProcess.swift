import Foundation

/// A real `prometheus-alertmanager` 0.25 on loopback, stopped (and its directory removed) on `stop()`.
final class AlertmanagerProcess {
    let clusterPort: UInt16
    let webPort: UInt16
    let directory: URL
    let process = Process()

    static var isInstalled: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/prometheus-alertmanager") }

    init(clusterPort: UInt16, webPort: UInt16, pushPullInterval: String = "5s") throws {
        self.clusterPort = clusterPort
        self.webPort = webPort
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("memberlist-interop-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let config = directory.appendingPathComponent("alertmanager.yml")
        try "route:\n  receiver: blackhole\nreceivers:\n  - name: blackhole\n".write(to: config, atomically: false, encoding: .utf8)
        process.executableURL = URL(fileURLWithPath: "/usr/bin/prometheus-alertmanager")
        process.arguments = [
            "--config.file=\(config.path)",
            "--storage.path=\(directory.path)",
            "--web.listen-address=127.0.0.1:\(webPort)",
            "--cluster.listen-address=127.0.0.1:\(clusterPort)",
            "--cluster.pushpull-interval=\(pushPullInterval)",
            "--log.level=debug",
        ]
        let log = directory.appendingPathComponent("alertmanager.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
    }

    var log: String {
        (try? String(contentsOf: directory.appendingPathComponent("alertmanager.log"), encoding: .utf8)) ?? ""
    }

    func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: directory)
    }
}
