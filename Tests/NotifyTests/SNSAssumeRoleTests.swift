import Curl
import Foundation
import Testing
import TocsinConfig

@testable import Notify

/// SNS with `sigv4.role_arn`: STS AssumeRole as aws-sdk-go makes it, end to end against a local sink that
/// plays STS and SNS, the temporary credentials signing Publish and reused until shortly before expiry.
@Suite(.serialized, .timeLimit(.minutes(2)))
struct SNSAssumeRoleTests {
    static let role = "arn:aws:iam::123456789012:role/sns"

    /// An SNS integration sending to the sink's `/sns`, assuming `role` at the sink's `stsPath`.
    func sns(
        _ sink: IntegrationSink, client: CurlClient, clock: ManualClock, stsPath: String = "/sts/", apiURL: Bool = true,
        environment: [String: String] = [:]
    ) throws -> SNSIntegration {
        let url = apiURL ? "    api_url: http://127.0.0.1:\(sink.port)/sns\n" : ""
        let receiver = try IntegrationTestKit.receiver(
            "  sns_configs:\n  - subject: s\n    message: m\n    topic_arn: t\n\(url)"
                + "    sigv4: {region: eu-west-1, access_key: AKIDBASE, secret_key: basesecret, role_arn: '\(Self.role)'}\n")
        var environmentOfIntegrations = try IntegrationTestKit.environment(client: client)
        environmentOfIntegrations.clock = clock
        var sns = SNSIntegration(
            config: try #require(receiver.snsConfigs.first), index: 0, environment: environmentOfIntegrations,
            processEnvironment: environment)
        sns.stsEndpoint = STSAssumeRole.Endpoint(url: "http://127.0.0.1:\(sink.port)\(stsPath)", signingRegion: "us-east-1")
        return sns
    }

    func notify(_ sns: SNSIntegration, clock: ManualClock) async -> IntegrationError? {
        let alerts = [firing("A")]
        do {
            try await sns.notify(alerts, of: IntegrationTestKit.job(alerts), deadline: clock.now().addingTimeInterval(20))
            return nil
        } catch {
            return error
        }
    }

    /// The form parameters of a captured body.
    static func form(_ request: CapturedRequest) -> [String: String] {
        var out: [String: String] = [:]
        for pair in request.bodyText.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).replacingOccurrences(of: "+", with: " ") }
            out[parts[0].removingPercentEncoding ?? parts[0]] = parts.count > 1 ? (parts[1].removingPercentEncoding ?? parts[1]) : ""
        }
        return out
    }

    /// Recomputes a captured request's SigV4 signature with `credentials` at its own `X-Amz-Date`.
    static func signatureChecks(_ request: CapturedRequest, _ credentials: AWSCredentials, region: String, service: String) -> Bool {
        guard let stamp = request.headers["x-amz-date"], let date = IntegrationCaptureTests.date(amz: stamp) else { return false }
        let signer = SigV4Signer(credentials: credentials, region: region, service: service)
        let headers = ["content-length", "content-type", "host"].reduce(into: [String: String]()) { $0[$1] = request.headers[$1] }
        let signed = signer.sign(method: request.method, path: request.path, headers: headers, body: request.body, at: date)
        return signed.first { $0.0 == "Authorization" }?.1 == request.headers["authorization"]
    }

    @Test func assumesTheRoleAndSignsPublishWithTheTemporaryCredentials() async throws {
        let client = CurlClient()
        defer { client.shutdown() }
        try await IntegrationSink.with { sink in
            let clock = ManualClock(now: Date())
            let sns = try self.sns(sink, client: client, clock: clock)
            let first = await self.notify(sns, clock: clock)
            let second = await self.notify(sns, clock: clock)
            #expect(first == nil)
            #expect(second == nil)
            let sts = sink.captures().filter { $0.path.hasPrefix("/sts") }
            let publishes = sink.captures().filter { $0.path.hasPrefix("/sns") }
            #expect(sts.count == 1, "the temporary credentials are reused while valid")
            #expect(publishes.count == 2)
            let assume = try #require(sts.first)
            let parameters = Self.form(assume)
            #expect(Set(parameters.keys) == ["Action", "DurationSeconds", "RoleArn", "RoleSessionName", "Version"])
            #expect(parameters["Action"] == "AssumeRole")
            #expect(parameters["Version"] == "2011-06-15")
            #expect(parameters["RoleArn"] == Self.role)
            #expect(parameters["DurationSeconds"] == "900")
            let sessionName = try #require(parameters["RoleSessionName"])
            let nanos = try #require(Double(sessionName))
            #expect(abs(nanos / 1e9 - clock.now().timeIntervalSince1970) < 5, "aws-sdk-go's UnixNano session name: \(sessionName)")
            #expect(assume.headers["user-agent"] == IntegrationHTTP.awsSDKUserAgent)
            #expect(assume.headers["content-type"] == "application/x-www-form-urlencoded; charset=utf-8")
            #expect(assume.headers["x-amz-security-token"] == nil)
            let authorization = assume.headers["authorization"] ?? ""
            #expect(authorization.hasPrefix("AWS4-HMAC-SHA256 Credential=AKIDBASE/"), "\(authorization)")
            #expect(
                authorization.contains("/us-east-1/sts/aws4_request, SignedHeaders=content-length;content-type;host;x-amz-date, Signature=")
            )
            #expect(
                Self.signatureChecks(
                    assume, AWSCredentials(accessKey: "AKIDBASE", secretKey: "basesecret"), region: "us-east-1", service: "sts"))

            for publish in publishes {
                #expect(Self.form(publish)["Action"] == "Publish")
                #expect(publish.headers["user-agent"] == IntegrationHTTP.awsSDKUserAgent)
                let token = try #require(publish.headers["x-amz-security-token"])
                #expect(token.hasPrefix("IQoJb3JpZ2luX2VjEPT//////////wEaCXVzLWVhc3QtMSJH&"), "the answer's token, unescaped: \(token)")
                let stamp = String(token.split(separator: "&").last ?? "")
                let keyID = publish.headers["authorization"]?.split(separator: "=").dropFirst().first?.split(separator: "/").first ?? ""
                #expect(keyID.hasPrefix("ASIATEMP"), "signed by the temporary key id: \(publish.headers["authorization"] ?? "")")
                #expect(
                    publish.headers["authorization"]?.contains(
                        "SignedHeaders=content-length;content-type;host;x-amz-date;x-amz-security-token") == true)
                let temporary = AWSCredentials(accessKey: String(keyID), secretKey: "temp/secret+\(stamp)", sessionToken: token)
                #expect(Self.signatureChecks(publish, temporary, region: "eu-west-1", service: "sns"), "\(publish.headers)")
            }

            // 15 minutes later the credentials expire within the refresh window: the role is assumed again.
            clock.advance(by: 900 - AWSRoleCredentialsCache.refreshBefore + 5)
            let third = await self.notify(sns, clock: clock)
            #expect(third == nil)
            #expect(sink.captures().filter { $0.path.hasPrefix("/sts") }.count == 2)
            #expect(sink.captures().filter { $0.path.hasPrefix("/sns") }.count == 3)
        }
    }

    @Test func withoutAPIURLTheRoleIsAssumedWithTheDefaultChainAsAlertmanagerDoes() async throws {
        let client = CurlClient()
        defer { client.shutdown() }
        try await IntegrationSink.with { sink in
            let clock = ManualClock(now: Date())
            let sns = try self.sns(
                sink, client: client, clock: clock, apiURL: false,
                environment: ["AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "envsecret"])
            let credentials = try await sns.credentials(deadline: clock.now().addingTimeInterval(20))
            #expect(credentials.accessKey.hasPrefix("ASIATEMP"))
            let assume = try #require(sink.captures().first { $0.path.hasPrefix("/sts") })
            #expect(assume.headers["authorization"]?.hasPrefix("AWS4-HMAC-SHA256 Credential=AKIDENV/") == true)
            #expect(
                Self.signatureChecks(
                    assume, AWSCredentials(accessKey: "AKIDENV", secretKey: "envsecret"), region: "us-east-1", service: "sts"))
        }
    }

    @Test func stsErrorsAreReportedWithAWSMessageAndOnly5xxIsRetried() async throws {
        let client = CurlClient()
        defer { client.shutdown() }
        try await IntegrationSink.with { sink in
            let clock = ManualClock(now: Date())
            let denied = await self.notify(try self.sns(sink, client: client, clock: clock, stsPath: "/fail/403/sts/"), clock: clock)
            #expect(
                denied
                    == IntegrationError(
                        "unexpected status code 403: User: arn:aws:iam::123456789012:user/am is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::123456789012:role/sns",
                        isRetryable: false))
            let broken = await self.notify(try self.sns(sink, client: client, clock: clock, stsPath: "/fail/503/sts/"), clock: clock)
            #expect(broken?.isRetryable == true)
            #expect(broken?.message.hasPrefix("unexpected status code 503") == true, "\(String(describing: broken))")
            #expect(sink.captures().filter { $0.path.hasPrefix("/sns") }.isEmpty, "nothing is published without credentials")
        }
    }

    @Test func theSTSEndpointIsTheOneAWSSDKGoV1Resolves() {
        func endpoint(_ region: String, _ environment: [String: String] = [:]) -> STSAssumeRole.Endpoint {
            STSAssumeRole.Endpoint.forRegion(region, environment: environment)
        }
        #expect(endpoint("us-east-1") == .init(url: "https://sts.amazonaws.com/", signingRegion: "us-east-1"))
        #expect(endpoint("eu-west-1") == .init(url: "https://sts.amazonaws.com/", signingRegion: "us-east-1"))
        #expect(endpoint("af-south-1") == .init(url: "https://sts.af-south-1.amazonaws.com/", signingRegion: "af-south-1"))
        #expect(endpoint("cn-north-1") == .init(url: "https://sts.cn-north-1.amazonaws.com.cn/", signingRegion: "cn-north-1"))
        #expect(
            endpoint("eu-west-1", ["AWS_STS_REGIONAL_ENDPOINTS": "regional"])
                == .init(url: "https://sts.eu-west-1.amazonaws.com/", signingRegion: "eu-west-1"))
    }

    @Test func theRequestIsAWSSDKGosQueryCall() {
        let call = STSAssumeRole(
            roleARN: Self.role, base: AWSCredentials(accessKey: "AKID", secretKey: "S", sessionToken: "BASETOKEN"),
            endpoint: .init(url: "https://sts.amazonaws.com/", signingRegion: "us-east-1"))
        let request = call.request(at: Date(timeIntervalSince1970: 1_795_588_729.5))
        #expect(request.url == "https://sts.amazonaws.com/")
        #expect(
            IntegrationTestKit.text(request)
                == "Action=AssumeRole&DurationSeconds=900&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fsns&RoleSessionName=1795588729500000000&Version=2011-06-15"
        )
        #expect(request.headers["X-Amz-Security-Token"] == "BASETOKEN", "temporary base credentials sign with their token")
        #expect(request.headers["X-Amz-Date"] == "20261125T063849Z")
    }

    @Test func theAnswersCredentialsAreRead() throws {
        let answer = """
            <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult><AssumedRoleUser>\
            <Arn>arn:aws:sts::1:assumed-role/r/s</Arn><AssumedRoleId>ARO:s</AssumedRoleId></AssumedRoleUser><Credentials>\
            <AccessKeyId>ASIAX</AccessKeyId><SecretAccessKey>a&lt;b&#x26;c</SecretAccessKey><SessionToken>T&amp;&#65;</SessionToken>\
            <Expiration>2026-11-25T10:15:00.250Z</Expiration></Credentials></AssumeRoleResult></AssumeRoleResponse>
            """
        let session = try STSAssumeRole.session(in: Array(answer.utf8))
        #expect(session.credentials == AWSCredentials(accessKey: "ASIAX", secretKey: "a<b&c", sessionToken: "T&A"))
        #expect(session.expiration == Date(timeIntervalSince1970: 1_795_601_700.25))
        #expect(throws: IntegrationError.self) {
            try STSAssumeRole.session(in: Array("<AssumeRoleResponse><Credentials><AccessKeyId>A</AccessKeyId></Credentials>".utf8))
        }
    }
}
