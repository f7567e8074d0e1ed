import Foundation
import Hummingbird
import NIOCore
import TocsinDispatch
import TocsinModel
import TocsinWire

/// `/api/v2/silences` and `/api/v2/silence/{id}`, as Alertmanager 0.25 serves them, through tocsin-state.
///
/// A created or updated silence is answered only once the state store made it durable and the dispatcher's
/// replica holds it (bounded by `replicaWait`), so alerts it matches are muted as soon as the client has the id.
public struct SilencesEndpoint: Sendable {
    let state: WireClient
    let runtime: DispatcherRuntime
    let replicaWait: Duration

    public init(state: WireClient, runtime: DispatcherRuntime, replicaWait: Duration = .seconds(2)) {
        self.state = state
        self.runtime = runtime
        self.replicaWait = replicaWait
    }

    /// Adds the endpoints to `router` under `prefix` (Alertmanager's `--web.route-prefix`, "" for none).
    public func register<Context: RequestContext>(on router: Router<Context>, prefix: String = "") {
        router.post(RouterPath("\(prefix)/api/v2/silences")) { request, _ in
            await Self.answer { try await self.create(request) }
        }
        router.get(RouterPath("\(prefix)/api/v2/silences")) { request, _ in
            await Self.answer { try await self.list(request) }
        }
        router.get(RouterPath("\(prefix)/api/v2/silence/:id")) { _, context in
            await Self.answer { try await self.get(context.parameters.get("id") ?? "") }
        }
        router.delete(RouterPath("\(prefix)/api/v2/silence/:id")) { _, context in
            await Self.answer { try await self.expire(context.parameters.get("id") ?? "") }
        }
    }

    private static func answer(_ body: () async throws -> Response) async -> Response {
        do {
            return try await body()
        } catch let error as APIError {
            return error.response
        } catch {
            return APIError.handler(.internalServerError, "\(error)").response
        }
    }

    private func create(_ request: Request) async throws -> Response {
        let buffer = try await request.body.collect(upTo: 1 << 20)
        let posted = try PostableSilence.decode(Array(buffer.readableBytesView))
        // api/v2 postSilencesHandler checks these before the silences package sees the silence.
        if posted.startsAt >= posted.endsAt {
            throw APIError.handler(.badRequest, "Failed to create silence: start time must be before end time")
        }
        if posted.endsAt < Date() {
            throw APIError.handler(.badRequest, "Failed to create silence: end time can't be in the past")
        }
        let silence = try posted.silence()
        var set = Tocsin_State_V1_SetSilence()
        set.silence = silence.protobuf
        var stateRequest = Tocsin_State_V1_StateRequest()
        stateRequest.setSilence = set
        guard case .silenceSet(let stored)? = try await send(stateRequest, notFound: .notFound).body else {
            throw APIError.handler(.internalServerError, "unexpected answer from the state store")
        }
        let deadline = ContinuousClock.now + replicaWait
        while await !runtime.replicaHolds(stored.id), ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(5))
        }
        return APIResponse.json(.ok, GoJSON.object([("silenceID", GoJSON.string(stored.id))]) + "\n")
    }

    private func list(_ request: Request) async throws -> Response {
        var filters: [Matcher] = []
        for text in request.uri.queryParameters.getAll("filter") {
            do {
                filters.append(try Matcher(parsing: String(text)))
            } catch {
                throw APIError.handler(.badRequest, error.description)
            }
        }
        let now = Date()
        let listed = try await query([])
            .filter { silence in filters.allSatisfy { filter in silence.matchers.contains { $0 == filter } } }
            .map { GettableSilence(silence: $0, now: now) }
            .sorted(by: GettableSilence.listingOrder)
        return APIResponse.json(.ok, GoJSON.array(listed.map(\.json)) + "\n")
    }

    private func get(_ id: String) async throws -> Response {
        try Self.checkUUID(id)
        guard let silence = try await query([id]).first else {
            return Response(status: .notFound)
        }
        return APIResponse.json(.ok, GettableSilence(silence: silence, now: Date()).json + "\n")
    }

    private func expire(_ id: String) async throws -> Response {
        try Self.checkUUID(id)
        var expire = Tocsin_State_V1_ExpireSilence()
        expire.id = id
        var stateRequest = Tocsin_State_V1_StateRequest()
        stateRequest.expireSilence = expire
        // Alertmanager 0.25 answers an unknown id with 500 (0.26 made it a 404).
        _ = try await send(stateRequest, notFound: .internalServerError)
        return Response(status: .ok)
    }

    private func query(_ ids: [String]) async throws -> [Silence] {
        var querySilences = Tocsin_State_V1_QuerySilences()
        querySilences.ids = ids
        var stateRequest = Tocsin_State_V1_StateRequest()
        stateRequest.querySilences = querySilences
        guard case .silences(let silences)? = try await send(stateRequest, notFound: .notFound).body else {
            throw APIError.handler(.internalServerError, "unexpected answer from the state store")
        }
        return silences.silences.compactMap(Silence.init(protobuf:))
    }

    /// Sends a request to tocsin-state, turning its failures into Alertmanager's responses.
    private func send(_ request: Tocsin_State_V1_StateRequest, notFound: HTTPResponse.Status) async throws -> Tocsin_State_V1_StateResponse
    {
        do {
            guard case .state(let response) = try await state.request(.state(request)) else {
                throw APIError.handler(.internalServerError, "unexpected answer from the state store")
            }
            return response
        } catch let error as WireClientError {
            switch error {
            case .failed(.notFound, let message): throw APIError.handler(notFound, message)
            case .failed(.invalid, let message): throw APIError.handler(.badRequest, message)
            case .failed(_, let message): throw APIError.handler(error.isRetryable ? .serviceUnavailable : .internalServerError, message)
            default: throw APIError.handler(.serviceUnavailable, error.description)
            }
        }
    }

    /// go-openapi's `uuid` format: 32 hex digits, optionally hyphenated 8-4-4-4-12.
    private static func checkUUID(_ id: String) throws(APIError) {
        let hex = id.filter { $0 != "-" }
        let hyphens = id.enumerated().filter { $0.element == "-" }.map(\.offset)
        let valid = hex.count == 32 && hex.allSatisfy(\.isHexDigit) && (hyphens.isEmpty || hyphens == [8, 13, 18, 23])
        if !valid {
            throw APIError.swagger(.unprocessableContent, code: 601, "silenceID in path must be of type uuid: \(GoJSON.string(id))")
        }
    }
}
