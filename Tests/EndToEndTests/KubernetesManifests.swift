import Foundation
import TestSupport

/// The manifests in `deploy/kubernetes/`, decoded as far as the tests look into them.
///
/// YAML is turned into JSON by python3 with PyYAML (Debian `python3-yaml`), the one YAML reader at hand
/// without adding a package dependency; the tests that need it are skipped where it is missing.
struct KubernetesManifests: Decodable, Sendable {
    var statefulSets: [StatefulSet]
    var services: [Service]
    var configMaps: [ConfigMap]
    var kustomizations: [Kustomization]

    enum CodingKeys: String, CodingKey {
        case statefulSets = "StatefulSet"
        case services = "Service"
        case configMaps = "ConfigMap"
        case kustomizations = "Kustomization"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.statefulSets = try container.decodeIfPresent([StatefulSet].self, forKey: .statefulSets) ?? []
        self.services = try container.decodeIfPresent([Service].self, forKey: .services) ?? []
        self.configMaps = try container.decodeIfPresent([ConfigMap].self, forKey: .configMaps) ?? []
        self.kustomizations = try container.decodeIfPresent([Kustomization].self, forKey: .kustomizations) ?? []
    }

    struct Metadata: Decodable, Sendable { var name: String }

    struct StatefulSet: Decodable, Sendable {
        var metadata: Metadata
        var spec: Spec

        struct Spec: Decodable, Sendable {
            var serviceName: String
            var template: Template
            var volumeClaimTemplates: [Claim]?
        }
        struct Template: Decodable, Sendable { var spec: PodSpec }
        struct Claim: Decodable, Sendable { var metadata: Metadata }
    }

    struct PodSpec: Decodable, Sendable {
        var containers: [Container]
        var volumes: [Volume]?
    }

    struct Container: Decodable, Sendable {
        var name: String
        var image: String
        var command: [String]
        var args: [String]?
        var volumeMounts: [VolumeMount]?
        var readinessProbe: Probe?
        var livenessProbe: Probe?
        var ports: [ContainerPort]?

        /// `command` then `args`, as the container runtime joins them.
        var commandLine: DaemonCommandLine {
            DaemonCommandLine(words: self.command + (self.args ?? []))
        }
    }

    struct VolumeMount: Decodable, Sendable {
        var name: String
        var mountPath: String
    }

    struct ContainerPort: Decodable, Sendable {
        var name: String?
        var containerPort: Int
        var `protocol`: String?
    }

    struct Probe: Decodable, Sendable {
        var httpGet: HTTPGet?

        struct HTTPGet: Decodable, Sendable {
            var path: String
            var port: PortReference
        }
    }

    /// A probe's or service's target port: a number or the name of a container port.
    enum PortReference: Decodable, Sendable, Equatable {
        case number(Int)
        case name(String)

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let number = try? container.decode(Int.self) {
                self = .number(number)
            } else {
                self = .name(try container.decode(String.self))
            }
        }
    }

    struct Volume: Decodable, Sendable {
        var name: String
        var emptyDir: EmptyDir?
        var configMap: ConfigMapReference?

        struct EmptyDir: Decodable, Sendable { var medium: String? }
        struct ConfigMapReference: Decodable, Sendable { var name: String }
    }

    struct Service: Decodable, Sendable {
        var metadata: Metadata
        var spec: Spec

        struct Spec: Decodable, Sendable {
            var clusterIP: String?
            var selector: [String: String]?
            var ports: [Port]
        }
        struct Port: Decodable, Sendable {
            var name: String?
            var port: Int
            var targetPort: PortReference?
            var `protocol`: String?
        }
    }

    struct ConfigMap: Decodable, Sendable {
        var metadata: Metadata
        var data: [String: String]?
    }

    struct Kustomization: Decodable, Sendable {
        var resources: [String]
    }

    /// The `*.yaml` files of `deploy/kubernetes/`, sorted.
    static var files: [URL] {
        let directory = DeployPaths.deploy.appendingPathComponent("kubernetes")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted().map { directory.appendingPathComponent($0) }
    }

    /// Whether python3 with PyYAML is installed, so the manifests can be read.
    static let canLoad: Bool = {
        guard let python = DeployPaths.executableOnPath("python3") else { return false }
        return (try? TestCommand.runBlocking(python.path, ["-c", "import yaml"]).status) == 0
    }()

    /// Reads every manifest document of every file, grouped by kind.
    static func load() async throws -> KubernetesManifests {
        guard let python = DeployPaths.executableOnPath("python3") else {
            throw KubernetesManifestsError.python3Missing
        }
        let script = """
            import json, sys, yaml
            kinds = {}
            for path in sys.argv[1:]:
                with open(path) as f:
                    for document in yaml.safe_load_all(f):
                        if document:
                            kinds.setdefault(document["kind"], []).append(document)
            print(json.dumps(kinds))
            """
        let result = try await BoundedCommand.run(python, ["-c", script] + files.map(\.path))
        guard result.status == 0 else {
            throw KubernetesManifestsError.unreadable(result.output)
        }
        return try JSONDecoder().decode(KubernetesManifests.self, from: Data(result.output.utf8))
    }
}

/// Why the manifests could not be read.
enum KubernetesManifestsError: Error, CustomStringConvertible {
    case python3Missing
    case unreadable(String)

    var description: String {
        switch self {
        case .python3Missing: return "python3 is not installed"
        case .unreadable(let output): return "the manifests are not valid YAML: \(output)"
        }
    }
}
