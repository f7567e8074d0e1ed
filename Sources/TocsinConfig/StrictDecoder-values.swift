import Yams

// Readers for the value types of alertmanager.yml; each keeps `current` when the node has a type error,
// and gives the zero value for null, as yaml.v2 does.
extension StrictDecoder {
    func string(_ node: Node, _ current: String) -> String { string(node) ?? current }

    func bool(_ node: Node, _ current: Bool) -> Bool { bool(node) ?? current }

    // Secret unmarshals through `type plain Secret`, so its type errors name `config.plain`.
    func secret(_ node: Node, _ current: Secret) -> Secret { string(node, "config.plain").map(Secret.init) ?? current }

    func stringList(_ node: Node, _ current: [String]) -> [String] { stringList(node) ?? current }

    func stringMap(_ node: Node, _ current: [String: String]) -> [String: String] { stringMap(node) ?? current }

    /// An Alertmanager `config.URL` (http/https with a host).
    func httpURL(_ node: Node, _ current: ConfigURL?) throws(ConfigError) -> ConfigURL? {
        guard let text = customText(node) else { return current }
        guard let text else { return nil }
        return try ConfigURL(parsingHTTP: text)
    }

    /// A `config.SecretURL`, which also accepts `<secret>`.
    func secretURL(_ node: Node, _ current: SecretURL?) throws(ConfigError) -> SecretURL? {
        guard let text = customText(node) else { return current }
        guard let text else { return nil }
        return try SecretURL(parsing: text)
    }

    /// A Prometheus duration (`model.Duration`).
    func duration(_ node: Node, _ current: PrometheusDuration?) throws(ConfigError) -> PrometheusDuration? {
        guard let text = customText(node) else { return current }
        guard let text else { return nil }
        return try PrometheusDuration(parsing: text)
    }

    /// An `http_config` block; null leaves it unset so the global one is inherited.
    func httpConfig(_ node: Node) throws(ConfigError) -> HTTPClientConfig? {
        StrictDecoder.isNull(node) ? nil : try HTTPClientConfig.decode(node, self)
    }
}
