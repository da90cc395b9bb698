import Foundation

/// Computes slice fingerprints from the site model, and from the build's own inputs for
/// templates, the page list and files; shared by the threads that compute them.
final class SliceFingerprinter: Sendable {
    let model: SiteModel
    private let special: @Sendable (String) -> UInt64?

    init(model: SiteModel, special: @escaping @Sendable (String) -> UInt64?) {
        self.model = model
        self.special = special
    }

    /// The slice's fingerprint in this build.
    func compute(_ slice: String) -> UInt64 {
        special(slice) ?? Slice.fingerprint(slice, in: model)
    }
}

