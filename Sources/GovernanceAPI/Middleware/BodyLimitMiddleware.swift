import Hummingbird
import NIOConcurrencyHelpers

/// Refuses bodies over the limit with 413 before anything reads them whole, and bodies not
/// complete by the request's deadline with 408.
///
/// The OpenAPI runtime collects JSON bodies without a bound (`upTo: .max`), so the limit has to
/// sit in front of it (style.md §1 A5). A declared `Content-Length` over the limit is refused
/// without reading a byte; a chunked body is read until it crosses the limit.
struct BodyLimitMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let maxBytes: Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        if let declared = request.headers[.contentLength].flatMap(Int.init), declared > maxBytes {
            throw Problem.tooLarge
        }
        // Reads carry no body the contract would read; skip the buffering on the hot path.
        if request.method == .get || request.method == .head, request.headers[.transferEncoding] == nil,
            request.headers[.contentLength] == nil
        {
            return try await next(request, context)
        }
        var request = request
        do {
            request.body = .init(
                buffer: try await Self.collect(request.body, upTo: maxBytes, before: context.state.deadline))
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw Problem.tooLarge
        }
        return try await next(request, context)
    }

    /// The body, read until `deadline`: a client trickling its body a byte at a time keeps the
    /// connection's idle timer alive, but not the request (408).
    static func collect(_ body: RequestBody, upTo limit: Int, before deadline: ContinuousClock.Instant)
        async throws -> ByteBuffer
    {
        // A race settled once: a task group would wait for the reading child, and reading a
        // request body does not stop on cancellation.
        let outcome = NIOLockedValueBox<CheckedContinuation<ByteBuffer, any Error>?>(nil)
        let reader = Task { try await body.collect(upTo: limit) }
        return try await withCheckedThrowingContinuation { continuation in
            outcome.withLockedValue { $0 = continuation }
            let timer = Task {
                // Cancelled when the body arrives first: no sleeper outlives its request.
                guard (try? await Task.sleep(until: deadline, clock: .continuous)) != nil,
                    let waiting = outcome.withLockedValue({ $0.take() })
                else { return }
                reader.cancel()
                waiting.resume(throwing: Problem.bodyTimeout)
            }
            Task {
                let result = await reader.result
                timer.cancel()
                outcome.withLockedValue { $0.take() }?.resume(with: result)
            }
        }
    }
}
