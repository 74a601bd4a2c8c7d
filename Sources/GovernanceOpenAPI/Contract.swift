/// The OpenAPI document this build implements, embedded at build time from the repository's
/// `openapi.yaml` (through the symlink beside this file).
package enum Contract {
    /// The document's bytes, served at `GET /openapi.yaml`.
    package static var yaml: [UInt8] { PackageResources.openapi_yaml }
}
