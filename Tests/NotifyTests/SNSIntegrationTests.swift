import Curl
import Foundation
import Testing
import TocsinConfig

@testable import Notify

/// SNS: SigV4 against a signature Alertmanager made, credentials, and error answers.
@Suite(.serialized, .timeLimit(.minutes(2)))
struct SNSIntegrationTests {
    /// A Publish call real Alertmanager 0.25 signed (captured from its SNS notifier on loopback).
    @Test func signsExactlyAsAlertmanagersAWSSDKSigned() {
        let body =
            "Action=Publish&Message=body+%26+more+%C3%BC&MessageAttributes.entry.1.Name=a&MessageAttributes.entry.1.Value.DataType=String&MessageAttributes.entry.1.Value.StringValue=firing&MessageAttributes.entry.2.Name=b&MessageAttributes.entry.2.Value.DataType=String&MessageAttributes.entry.2.Value.StringValue=2&MessageDeduplicationId=ff525dbe364a73a9801670ac845e395c43f04cf23d3c0cb95f046067d72d179e&MessageGroupId=ff525dbe364a73a9801670ac845e395c43f04cf23d3c0cb95f046067d72d179e&Subject=subj+firing&TopicArn=arn%3Aaws%3Asns%3Aus-east-1%3A123456789012%3Atopic.fifo&Version=2010-03-31"
        let signer = SigV4Signer(
            credentials: AWSCredentials(accessKey: "AKIDEXAMPLE", secretKey: "wJalrXUtnFEMI"), region: "us-east-1", service: "sns")
        let signed = signer.sign(
            method: "POST", path: "/sns/",
            headers: [
                "content-length": "574", "content-type": "application/x-www-form-urlencoded; charset=utf-8", "host": "127.0.0.1:34135",
            ],
            body: Array(body.utf8), at: Date(timeIntervalSince1970: 1_795_588_729))
        #expect(signed.first { $0.0 == "X-Amz-Date" }?.1 == "20261125T063849Z")
        #expect(
            signed.first { $0.0 == "Authorization" }?.1
                == "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261125/us-east-1/sns/aws4_request, SignedHeaders=content-length;content-type;host;x-amz-date, Signature=1307b1ae811213f149e49158a8cc3d36f7975cb78fa92f69da7ceb76f9f46bc7"
        )
    }

    func sigv4(_ flow: String) throws -> SNSConfig.SigV4 {
        try #require(try IntegrationTestKit.receiver("  sns_configs:\n  - topic_arn: t\n    sigv4: \(flow)\n").snsConfigs.first).sigv4
    }

    @Test func credentialsComeFromTheConfigTheEnvironmentOrTheSharedFile() throws {
        let sigv4 = try self.sigv4("{}")
        let home = NSTemporaryDirectory() + "sns-home-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: home + "/.aws", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: home) }
        try
            "[default]\naws_access_key_id = D\naws_secret_access_key = DS\n\n[ops]\naws_access_key_id=O\naws_secret_access_key=OS\naws_session_token=OT\n"
            .write(toFile: home + "/.aws/credentials", atomically: false, encoding: .utf8)
        #expect(try AWSCredentials.resolve(sigv4, environment: [:], home: home) == AWSCredentials(accessKey: "D", secretKey: "DS"))
        #expect(
            try AWSCredentials.resolve(sigv4, environment: ["AWS_PROFILE": "ops"], home: home)
                == AWSCredentials(accessKey: "O", secretKey: "OS", sessionToken: "OT"))
        #expect(
            try AWSCredentials.resolve(sigv4, environment: ["AWS_ACCESS_KEY_ID": "E", "AWS_SECRET_ACCESS_KEY": "ES"], home: home)
                == AWSCredentials(accessKey: "E", secretKey: "ES"))
        let configured = try self.sigv4("{access_key: C, secret_key: CS}")
        #expect(
            try AWSCredentials.resolve(configured, environment: ["AWS_ACCESS_KEY_ID": "E"], home: home)
                == AWSCredentials(accessKey: "C", secretKey: "CS"))
        #expect(throws: IntegrationError.self) { try AWSCredentials.resolve(sigv4, environment: [:], home: home + "/none") }
        let role = try self.sigv4("{access_key: C, secret_key: CS, role_arn: 'arn:aws:iam::1:role/x'}")
        #expect(try AWSCredentials.resolve(role, environment: [:], home: home) == AWSCredentials(accessKey: "C", secretKey: "CS"))
    }

    @Test func temporaryCredentialsSignTheirToken() {
        let signer = SigV4Signer(
            credentials: AWSCredentials(accessKey: "A", secretKey: "S", sessionToken: "T"), region: "r", service: "sns")
        let signed = signer.sign(method: "POST", path: "/", headers: ["host": "h"], body: [], at: Date(timeIntervalSince1970: 0))
        #expect(signed.first { $0.0 == "X-Amz-Security-Token" }?.1 == "T")
        #expect(signed.first { $0.0 == "Authorization" }?.1.contains("SignedHeaders=host;x-amz-date;x-amz-security-token") == true)
    }

    func sns(_ yaml: String, client: CurlClient = CurlClient(), environment: [String: String] = [:]) throws -> SNSIntegration {
        let receiver = try IntegrationTestKit.receiver("  sns_configs:\n  - subject: s\n    message: m\n" + yaml)
        return SNSIntegration(
            config: try #require(receiver.snsConfigs.first), index: 0, environment: try IntegrationTestKit.environment(client: client),
            processEnvironment: environment)
    }

    @Test func theRegionsEndpointIsTheDefaultAndARegionIsRequired() throws {
        let sns = try self.sns("    sigv4: {access_key: a, secret_key: s}\n    topic_arn: t\n", environment: ["AWS_REGION": "eu-central-1"])
        let request = try sns.request(for: [firing("A")], of: IntegrationTestKit.job([firing("A")]))
        #expect(request.url == "https://sns.eu-central-1.amazonaws.com/")
        #expect(
            IntegrationTestKit.text(request) == "Action=Publish&Message=m&MessageAttributes=&Subject=s&TopicArn=t&Version=2010-03-31")
        let regionless = try self.sns("    sigv4: {access_key: a, secret_key: s}\n    topic_arn: t\n")
        #expect(throws: IntegrationError("region not configured in sns.sigv4.region or in default credentials chain", isRetryable: true)) {
            try regionless.request(for: [firing("A")], of: IntegrationTestKit.job([firing("A")]))
        }
    }

    @Test func awsErrorsCarryTheirMessageAndOnly5xxIsRetried() async throws {
        let client = CurlClient()
        defer { client.shutdown() }
        try await IntegrationSink.with { sink in
            func attempt(_ path: String) async throws -> IntegrationError? {
                await IntegrationTestKit.send(
                    try self.sns(
                        "    api_url: http://127.0.0.1:\(sink.port)\(path)\n    sigv4: {region: r, access_key: a, secret_key: s}\n    topic_arn: t\n",
                        client: client), [firing("A")])
            }
            let sent = try await attempt("/sns")
            let invalid = try await attempt("/fail/400/aws")
            let broken = try await attempt("/fail/500/aws")
            #expect(sent == nil)
            #expect(invalid == IntegrationError("unexpected status code 400: Invalid parameter: TopicArn & more", isRetryable: false))
            #expect(broken?.isRetryable == true)
        }
    }
}
