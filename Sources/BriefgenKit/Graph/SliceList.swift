/// The names of the slices one output read, in the order first read: their UTF-8 bytes one
/// after the other in one buffer, with where each ends.
///
/// A page reads fifty to a hundred slices and its list is kept until the record stage numbers
/// them; a string for each name was an allocation each, and 87 MB of the 10,000-article
/// build's heap at its peak (README, "Performance rounds", twenty-second round).
struct SliceList: Sendable, Equatable {
    private var bytes: [UInt8] = []
    private var ends: [Int32] = []

    init() {}

    init(_ names: [String]) {
        for name in names { append(name) }
    }

    var count: Int { ends.count }

    /// Appends the slice named `name`.
    mutating func append(_ name: String) {
        Text.withUTF8(name) { bytes.append(contentsOf: $0) }
        ends.append(Int32(bytes.count))
    }

    /// Appends `Slice.name(kind, argument)`, written in place.
    mutating func append(_ kind: SliceKind, _ argument: String) {
        Text.withUTF8(kind.rawValue) { bytes.append(contentsOf: $0) }
        bytes.append(Slice.separator)
        Text.withUTF8(argument) { bytes.append(contentsOf: $0) }
        ends.append(Int32(bytes.count))
    }

    /// Calls `body` with the UTF-8 bytes of the name at `index`.
    func withName<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let start = index == 0 ? 0 : Int(ends[index - 1])
        return bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[start..<Int(ends[index])])) }
    }

    /// The name at `index`, made into a string.
    subscript(index: Int) -> String {
        withName(index) { String(decoding: $0, as: UTF8.self) }
    }

    /// Every name, made into strings.
    var names: [String] { (0..<count).map { self[$0] } }
}
