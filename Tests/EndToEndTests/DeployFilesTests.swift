import Foundation
import Testing

/// The invariants that keep `deploy/` a working node: every daemon agrees on the storage path and socket
/// directory, starts after what it connects to, is restarted, reloads only where it can, and is given
/// only flags it accepts (checked against the built daemons' `--help`).
@Suite("Deploy files")
struct DeployFilesTests {
    static let systemdDirectory = DeployPaths.deploy.appendingPathComponent("systemd")
    static let supervisordConfig = DeployPaths.deploy.appendingPathComponent("supervisord/tocsin.conf")

    /// The unit file of each daemon, by daemon name.
    static let unitNames = [
        "tocsin-state": "tocsin-state.service",
        "tocsin-gossip": "tocsin-gossip.service",
        "tocsin-dispatcher": "tocsin-dispatcher.service",
        "tocsin-notifier": "tocsin-notifier@.service",
    ]

    /// The supervisord program of each daemon, by daemon name.
    static let programNames = [
        "tocsin-state": "program:tocsin-state",
        "tocsin-gossip": "program:tocsin-gossip",
        "tocsin-dispatcher": "program:tocsin-dispatcher",
        "tocsin-notifier": "program:tocsin-notifier-0",
    ]

    static func unit(_ daemon: String) throws -> IniFile {
        let name = try #require(unitNames[daemon])
        return try IniFile(contentsOf: systemdDirectory.appendingPathComponent(name))
    }

    static func execStart(_ daemon: String) throws -> DaemonCommandLine {
        let line = try #require(try unit(daemon).value("ExecStart", in: "Service"), "\(daemon) has no ExecStart=")
        return DaemonCommandLine(commandLine: line)
    }

    static func supervisordCommand(_ daemon: String, in config: IniFile) throws -> DaemonCommandLine {
        let section = try #require(programNames[daemon])
        let line = try #require(config.value("command", in: section), "[\(section)] has no command=")
        return DaemonCommandLine(commandLine: line)
    }

    // MARK: systemd

    @Test("every systemd unit runs its own daemon with the same storage path and socket directory")
    func systemdUnitsAgreeOnPaths() throws {
        for daemon in DeployPaths.daemons {
            let unit = try Self.unit(daemon)
            let command = try Self.execStart(daemon)
            #expect(command.daemon == daemon)
            #expect(command.values(of: "storage.path") == ["/var/lib/tocsin"], "\(daemon)")
            #expect(command.values(of: "socket.dir") == ["/run/tocsin"], "\(daemon)")
            // The directories systemd creates must be the ones passed to the daemon, owned by one user.
            #expect(unit.value("StateDirectory", in: "Service") == "tocsin", "\(daemon)")
            #expect(unit.value("RuntimeDirectory", in: "Service") == "tocsin", "\(daemon)")
            #expect(unit.value("RuntimeDirectoryMode", in: "Service") == "0700", "\(daemon)")
            // Without it, stopping one unit deletes the socket directory under the others.
            #expect(unit.value("RuntimeDirectoryPreserve", in: "Service") == "yes", "\(daemon)")
            #expect(unit.value("User", in: "Service") == "tocsin", "\(daemon)")
            #expect(unit.value("Group", in: "Service") == "tocsin", "\(daemon)")
        }
    }

    @Test("systemd orders each daemon after the daemons it connects to")
    func systemdOrdering() throws {
        let gossip = try Self.unit("tocsin-gossip").list("After", in: "Unit")
        let dispatcher = try Self.unit("tocsin-dispatcher").list("After", in: "Unit")
        let notifier = try Self.unit("tocsin-notifier").list("After", in: "Unit")
        #expect(gossip.contains("tocsin-state.service"))
        #expect(dispatcher.contains("tocsin-state.service"))
        #expect(dispatcher.contains("tocsin-gossip.service"))
        #expect(notifier.contains("tocsin-state.service"))
        #expect(notifier.contains("tocsin-dispatcher.service"))
        #expect(try Self.unit("tocsin-state").list("After", in: "Unit").allSatisfy { !$0.hasPrefix("tocsin-") })
        for daemon in ["tocsin-gossip", "tocsin-dispatcher", "tocsin-notifier"] {
            #expect(try Self.unit(daemon).list("Wants", in: "Unit").contains("tocsin-state.service"), "\(daemon)")
        }
    }

    @Test("every systemd unit restarts, is part of tocsin.target, and the target pulls in the whole node")
    func systemdRestartAndTarget() throws {
        for daemon in DeployPaths.daemons {
            let unit = try Self.unit(daemon)
            let restart = unit.value("Restart", in: "Service")
            #expect(restart == "always" || restart == "on-failure", "\(daemon): Restart=\(restart ?? "missing")")
            #expect(unit.value("RestartSec", in: "Service") != nil, "\(daemon)")
            #expect(unit.list("PartOf", in: "Unit") == ["tocsin.target"], "\(daemon)")
            #expect(unit.list("WantedBy", in: "Install") == ["tocsin.target"], "\(daemon)")
        }
        let target = try IniFile(contentsOf: Self.systemdDirectory.appendingPathComponent("tocsin.target"))
        let wants = target.list("Wants", in: "Unit")
        for unit in ["tocsin-state.service", "tocsin-gossip.service", "tocsin-dispatcher.service", "tocsin-notifier@0.service"] {
            #expect(wants.contains(unit), "tocsin.target does not want \(unit)")
        }
        #expect(target.list("WantedBy", in: "Install") == ["multi-user.target"])
    }

    @Test("only the dispatcher and the notifiers reload on systemctl reload, by SIGHUP")
    func systemdReload() throws {
        for daemon in DeployPaths.daemons {
            let reload = try Self.unit(daemon).value("ExecReload", in: "Service")
            if daemon == "tocsin-dispatcher" || daemon == "tocsin-notifier" {
                #expect(reload == "/bin/kill -HUP $MAINPID", "\(daemon)")
            } else {
                #expect(reload == nil, "\(daemon) does not reload, yet has ExecReload=\(reload ?? "")")
            }
        }
    }

    @Test("the notifier template names its instance after the index the dispatcher expects")
    func systemdNotifierInstance() throws {
        #expect(try Self.execStart("tocsin-notifier").values(of: "instance") == ["notifier-%i"])
        #expect(try Self.unit("tocsin-notifier").value("DefaultInstance", in: "Install") == "0")
    }

    @Test("the dispatcher and notifiers agree on the cluster address in systemd")
    func systemdClusterAddress() throws {
        let dispatcher = try Self.execStart("tocsin-dispatcher").values(of: "cluster.listen-address")
        let notifier = try Self.execStart("tocsin-notifier").values(of: "cluster.listen-address")
        #expect(dispatcher.count == 1)
        #expect(dispatcher == notifier)
    }

    // MARK: supervisord

    @Test("supervisord starts state, gossip, dispatcher, notifier in that order")
    func supervisordPriorities() throws {
        let config = try IniFile(contentsOf: Self.supervisordConfig)
        let priorities = try DeployPaths.daemons.map { daemon -> Int in
            let section = try #require(Self.programNames[daemon])
            let value = try #require(config.value("priority", in: section), "[\(section)] has no priority")
            return try #require(Int(value), "[\(section)] priority=\(value)")
        }
        #expect(priorities == priorities.sorted())
        #expect(Set(priorities).count == priorities.count, "priorities \(priorities) must differ")
        // No [group:] section: a group stops its programs all at once instead of in reverse order.
        #expect(config.sections.allSatisfy { !$0.name.hasPrefix("group:") })
    }

    @Test("every supervisord program restarts, stops on SIGTERM and runs its own daemon")
    func supervisordPrograms() throws {
        let config = try IniFile(contentsOf: Self.supervisordConfig)
        let programs = config.sections.filter { $0.name.hasPrefix("program:") }.map(\.name)
        #expect(Set(programs) == Set(Self.programNames.values))
        for daemon in DeployPaths.daemons {
            let section = try #require(Self.programNames[daemon])
            #expect(config.value("autorestart", in: section) == "true", "\(section)")
            #expect(config.value("stopsignal", in: section) == "TERM", "\(section)")
            let wait = try #require(config.value("stopwaitsecs", in: section).flatMap { Int($0) }, "\(section)")
            #expect(wait >= 10, "\(section) gives a graceful stop only \(wait) s")
            #expect(try Self.supervisordCommand(daemon, in: config).daemon == daemon)
        }
    }

    @Test("every supervisord program uses the same storage path and socket directory")
    func supervisordPaths() throws {
        let config = try IniFile(contentsOf: Self.supervisordConfig)
        for daemon in DeployPaths.daemons {
            let command = try Self.supervisordCommand(daemon, in: config)
            #expect(command.values(of: "storage.path") == ["%(ENV_TOCSIN_STORAGE_PATH)s"], "\(daemon)")
            #expect(command.values(of: "socket.dir") == ["%(ENV_TOCSIN_STORAGE_PATH)s/run"], "\(daemon)")
        }
        let dispatcher = try Self.supervisordCommand("tocsin-dispatcher", in: config)
        let notifier = try Self.supervisordCommand("tocsin-notifier", in: config)
        #expect(notifier.values(of: "instance") == ["notifier-0"])
        #expect(dispatcher.values(of: "cluster.listen-address") == notifier.values(of: "cluster.listen-address"))
    }

    // MARK: Kubernetes

    @Test(
        "every container of the pod shares the socket volume and passes the same socket directory",
        .enabled(if: KubernetesManifests.canLoad, "python3 with PyYAML (Debian python3-yaml) is not installed")
    )
    func kubernetesSharedSockets() async throws {
        let manifests = try await KubernetesManifests.load()
        let statefulSet = try #require(manifests.statefulSets.first)
        #expect(manifests.statefulSets.count == 1)
        let pod = statefulSet.spec.template.spec
        #expect(Set(pod.containers.map(\.commandLine.daemon)) == Set(DeployPaths.daemons))

        let sockets = try #require(pod.volumes?.first { $0.emptyDir != nil }, "no emptyDir volume for the sockets")
        let claim = try #require(statefulSet.spec.volumeClaimTemplates?.first, "no PersistentVolumeClaim for storage")
        var socketMounts: Set<String> = []
        var socketDirectories: Set<String> = []
        var storagePaths: Set<String> = []
        for container in pod.containers {
            let mounts = container.volumeMounts ?? []
            let socketMount = try #require(mounts.first { $0.name == sockets.name }, "\(container.name) lacks the socket volume")
            let storageMount = try #require(mounts.first { $0.name == claim.metadata.name }, "\(container.name) lacks storage")
            let command = container.commandLine
            let socketDirectory = try #require(command.values(of: "socket.dir").first, "\(container.name) has no --socket.dir")
            let storagePath = try #require(command.values(of: "storage.path").first, "\(container.name) has no --storage.path")
            #expect(socketDirectory.hasPrefix(socketMount.mountPath + "/"), "\(container.name): \(socketDirectory)")
            #expect(storagePath == storageMount.mountPath, "\(container.name)")
            #expect(container.image == "tocsin:latest", "\(container.name)")
            #expect(container.command.first == "/usr/local/bin/\(command.daemon)", "\(container.name)")
            socketMounts.insert(socketMount.mountPath)
            socketDirectories.insert(socketDirectory)
            storagePaths.insert(storagePath)
        }
        #expect(socketMounts.count == 1, "socket volume mounted at \(socketMounts)")
        #expect(socketDirectories.count == 1, "--socket.dir differs: \(socketDirectories)")
        #expect(storagePaths.count == 1, "--storage.path differs: \(storagePaths)")
    }

    @Test(
        "the dispatcher container is probed on /-/ready and /-/healthy, and the services expose 9093 and 9094",
        .enabled(if: KubernetesManifests.canLoad, "python3 with PyYAML (Debian python3-yaml) is not installed")
    )
    func kubernetesProbesAndServices() async throws {
        let manifests = try await KubernetesManifests.load()
        let statefulSet = try #require(manifests.statefulSets.first)
        let containers = statefulSet.spec.template.spec.containers
        let dispatcher = try #require(containers.first { $0.commandLine.daemon == "tocsin-dispatcher" })
        #expect(dispatcher.readinessProbe?.httpGet?.path == "/-/ready")
        #expect(dispatcher.livenessProbe?.httpGet?.path == "/-/healthy")
        let http = try #require(dispatcher.ports?.first { $0.containerPort == 9093 })
        let probedPort = dispatcher.readinessProbe?.httpGet?.port
        #expect(probedPort == .name(http.name ?? "") || probedPort == .number(9093))
        #expect(dispatcher.commandLine.values(of: "web.listen-address") == [":9093"])
        for container in containers where container.name != dispatcher.name {
            #expect(container.readinessProbe == nil && container.livenessProbe == nil, "\(container.name)")
        }

        let headless = try #require(manifests.services.first { $0.spec.clusterIP == "None" }, "no headless service")
        #expect(statefulSet.spec.serviceName == headless.metadata.name)
        #expect(Set(headless.spec.ports.filter { $0.port == 9094 }.compactMap(\.protocol)) == ["TCP", "UDP"])
        let api = try #require(manifests.services.first { $0.spec.clusterIP != "None" }, "no service for the API")
        #expect(api.spec.ports.map(\.port) == [9093])

        let configVolume = try #require(statefulSet.spec.template.spec.volumes?.first { $0.configMap != nil })
        let configMap = try #require(manifests.configMaps.first { $0.metadata.name == configVolume.configMap?.name })
        #expect(configMap.data?["alertmanager.yml"] != nil)
        let gossip = try #require(containers.first { $0.commandLine.daemon == "tocsin-gossip" })
        #expect(Set(gossip.ports?.filter { $0.containerPort == 9094 }.compactMap(\.protocol) ?? []) == ["TCP", "UDP"])
    }

    @Test(
        "kustomization.yaml lists every other manifest",
        .enabled(if: KubernetesManifests.canLoad, "python3 with PyYAML (Debian python3-yaml) is not installed")
    )
    func kubernetesKustomization() async throws {
        let manifests = try await KubernetesManifests.load()
        let kustomization = try #require(manifests.kustomizations.first)
        let files = KubernetesManifests.files.map(\.lastPathComponent).filter { $0 != "kustomization.yaml" }
        #expect(kustomization.resources.sorted() == files)
    }

    // MARK: Flags

    @Test("every flag a deploy file gives a daemon is one the daemon accepts", arguments: DeployPaths.daemons)
    func flagsExist(daemon: String) async throws {
        let accepted = try await DaemonHelp.flags(of: daemon)
        #expect(accepted.contains("storage.path"), "unexpected --help output: \(accepted)")

        var used: [(source: String, flags: [String])] = [
            ("systemd", try Self.execStart(daemon).flagNames),
            ("supervisord", try Self.supervisordCommand(daemon, in: IniFile(contentsOf: Self.supervisordConfig)).flagNames),
        ]
        if KubernetesManifests.canLoad {
            let containers = try await KubernetesManifests.load().statefulSets.flatMap(\.spec.template.spec.containers)
            let container = try #require(containers.first { $0.commandLine.daemon == daemon }, "no container runs \(daemon)")
            used.append(("kubernetes", container.commandLine.flagNames))
        }
        for (source, flags) in used {
            #expect(flags.contains("storage.path") && flags.contains("socket.dir"), "\(source) \(daemon): \(flags)")
            for flag in flags {
                #expect(accepted.contains(flag), "\(source) passes --\(flag) to \(daemon), which does not accept it")
            }
        }
    }
}
