import Foundation

/// Reads `*_file` settings (`api_url_file`, `routing_key_file`, `password_file`, ...) at the moment a
/// notification is sent, as Alertmanager does, so a rotated secret is picked up without a reload.
///
/// Contents are trimmed of surrounding whitespace (`strings.TrimSpace` in every integration) and read
/// errors are worded like Go's `os.ReadFile` errors.
public enum SecretFile {
    /// The trimmed contents of `path`.
    public static func read(_ path: String) throws(ConfigError) -> String {
        String(decoding: try ConfigPath.read(path), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The inline value when set, otherwise the contents of `file` (empty when neither is set).
    public static func resolve(_ inline: Secret, file: String) throws(ConfigError) -> String {
        if !inline.isEmpty || file.isEmpty { return inline.value }
        return try read(file)
    }
}

extension SlackConfig {
    /// The webhook URL to post to: `api_url`, or the contents of `api_url_file`.
    public func resolvedAPIURL() throws(ConfigError) -> String {
        if let apiURL { return apiURL.url?.description ?? "" }
        return try SecretFile.read(apiURLFile)
    }
}

extension PagerdutyConfig {
    /// The Events API v2 routing key, inline or from its file.
    public func resolvedRoutingKey() throws(ConfigError) -> String { try SecretFile.resolve(routingKey, file: routingKeyFile) }
    /// The Events API v1 service key, inline or from its file.
    public func resolvedServiceKey() throws(ConfigError) -> String { try SecretFile.resolve(serviceKey, file: serviceKeyFile) }
}

extension OpsGenieConfig {
    /// The API key, inline or from its file.
    public func resolvedAPIKey() throws(ConfigError) -> String { try SecretFile.resolve(apiKey, file: apiKeyFile) }
}

extension VictorOpsConfig {
    /// The API key, inline or from its file.
    public func resolvedAPIKey() throws(ConfigError) -> String { try SecretFile.resolve(apiKey, file: apiKeyFile) }
}

extension EmailConfig {
    /// The SMTP AUTH password, inline or from its file.
    public func resolvedAuthPassword() throws(ConfigError) -> String { try SecretFile.resolve(authPassword, file: authPasswordFile) }
}

extension BasicAuth {
    /// The password, inline or from its file.
    public func resolvedPassword() throws(ConfigError) -> String { try SecretFile.resolve(password, file: passwordFile) }
}

extension Authorization {
    /// The credentials, inline or from their file.
    public func resolvedCredentials() throws(ConfigError) -> String { try SecretFile.resolve(credentials, file: credentialsFile) }
}

extension OAuth2 {
    /// The client secret, inline or from its file.
    public func resolvedClientSecret() throws(ConfigError) -> String { try SecretFile.resolve(clientSecret, file: clientSecretFile) }
}
