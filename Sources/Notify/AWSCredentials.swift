import Foundation
import TocsinConfig

/// The AWS credentials an SNS notification is signed with, found as aws-sdk-go's default chain finds
/// them for Alertmanager: the `sigv4` keys of the config, else the environment (`AWS_ACCESS_KEY_ID`,
/// `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`), else the shared credentials file's profile.
///
/// These are also the base credentials a `role_arn` is assumed with (`SNSIntegration` and
/// `STSAssumeRole`). Instance and container roles are not looked up: without keys in the config, the
/// environment or the file, sending fails with aws-sdk-go's `NoCredentialProviders` error.
public struct AWSCredentials: Sendable, Hashable {
    public var accessKey: String
    public var secretKey: String
    /// Temporary credentials' token, sent as `X-Amz-Security-Token`.
    public var sessionToken: String

    public init(accessKey: String, secretKey: String, sessionToken: String = "") {
        self.accessKey = accessKey
        self.secretKey = secretKey
        self.sessionToken = sessionToken
    }

    /// The credentials for `sigv4` (its `role_arn` aside), looking at `environment` and the files under `home`.
    public static func resolve(
        _ sigv4: SNSConfig.SigV4, environment: [String: String] = ProcessInfo.processInfo.environment,
        home: String = NSHomeDirectory()
    ) throws(IntegrationError) -> AWSCredentials {
        if !sigv4.accessKey.isEmpty && !sigv4.secretKey.isEmpty {
            return AWSCredentials(accessKey: sigv4.accessKey, secretKey: sigv4.secretKey.value)
        }
        let access = environment["AWS_ACCESS_KEY_ID"].flatMap { $0.isEmpty ? nil : $0 } ?? environment["AWS_ACCESS_KEY"] ?? ""
        let secret = environment["AWS_SECRET_ACCESS_KEY"].flatMap { $0.isEmpty ? nil : $0 } ?? environment["AWS_SECRET_KEY"] ?? ""
        if !access.isEmpty && !secret.isEmpty {
            return AWSCredentials(accessKey: access, secretKey: secret, sessionToken: environment["AWS_SESSION_TOKEN"] ?? "")
        }
        let file = environment["AWS_SHARED_CREDENTIALS_FILE"].flatMap { $0.isEmpty ? nil : $0 } ?? "\(home)/.aws/credentials"
        let profile = !sigv4.profile.isEmpty ? sigv4.profile : (environment["AWS_PROFILE"].flatMap { $0.isEmpty ? nil : $0 } ?? "default")
        if let text = try? String(contentsOfFile: file, encoding: .utf8), let section = Self.section(profile, in: text),
            let access = section["aws_access_key_id"], let secret = section["aws_secret_access_key"], !access.isEmpty, !secret.isEmpty
        {
            return AWSCredentials(accessKey: access, secretKey: secret, sessionToken: section["aws_session_token"] ?? "")
        }
        throw IntegrationError("NoCredentialProviders: no valid providers in chain", isRetryable: true)
    }

    /// The keys of `[profile]` in an INI text.
    static func section(_ profile: String, in text: String) -> [String: String]? {
        var current: String?
        var found: [String: String]?
        for raw in text.split(whereSeparator: \.isNewline) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("["), line.hasSuffix("]") {
                current = line.dropFirst().dropLast().trimmingCharacters(in: .whitespaces)
                if current == profile, found == nil { found = [:] }
                continue
            }
            guard current == profile, let equals = line.firstIndex(of: "=") else { continue }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            found?[key] = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
        }
        return found
    }
}
