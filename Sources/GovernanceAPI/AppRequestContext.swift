public import Hummingbird
import Logging

/// The request context: Hummingbird's core storage plus the state this service tracks.
public struct AppRequestContext: RequestContext {
    /// Hummingbird's own per-request storage.
    public var coreContext: CoreRequestContextStorage
    /// What middleware learns about the request (id, operation, caller) and handlers read.
    public let state: RequestState

    /// Creates the context for a new request.
    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.state = RequestState()
        let channel = source.channel
        state.setClientAddress { channel.remoteAddress?.ipAddress }
    }

    /// Bodies are limited by `BodyLimitMiddleware` before anything decodes them.
    public var maxUploadSize: Int { Int.max }
}
