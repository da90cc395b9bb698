import Foundation

/// Slice names interned to indices, with their current fingerprints.
struct SliceTable {
    /// Slice names in number order (110,000 on a 10,000-article site).
    private(set) var names: SliceNames
    private(set) var fingerprints: [UInt64]

    /// A table over names already numbered (while the previous build's tables were decoded).
    init(names: SliceNames, fingerprints: [UInt64]) {
        self.names = names
        self.fingerprints = fingerprints
    }

    func number(of slice: String) -> Int? { names.number(of: slice) }

    /// Sets the fingerprint of a slice numbered before it was computed.
    mutating func setFingerprint(_ fingerprint: UInt64, of number: Int32) { fingerprints[Int(number)] = fingerprint }

    /// The number of the slice whose name has the UTF-8 bytes `slice`, named for the first time
    /// or not, and whose lookup hash is `hash` (`SliceNames.hash`, computed where the page was
    /// rendered).
    func number(ofUTF8 slice: UnsafeBufferPointer<UInt8>, hash: Int) -> Int? { names.number(ofUTF8: slice, hash: hash) }

    /// The number of the slice whose name has the UTF-8 bytes `slice` (lookup hash `hash`),
    /// added with `fingerprint` when it is new.
    mutating func intern(utf8 slice: UnsafeBufferPointer<UInt8>, _ fingerprint: UInt64, hash: Int) -> Int32 {
        let before = names.count
        let number = names.insert(utf8: slice, hash: hash)
        if names.count > before { fingerprints.append(fingerprint) }
        return Int32(number)
    }

    /// The table without slices no output uses any more, renumbering the outputs' dependencies,
    /// once unused slices make up more than half of it.
    func compacted(keeping outputs: inout [String: BuildState.Output]) -> (SliceNames, [UInt64]) {
        var used = [Bool](repeating: false, count: names.count)
        var usedCount = 0
        for output in outputs.values {
            for dep in output.deps where !used[Int(dep)] {
                used[Int(dep)] = true
                usedCount += 1
            }
        }
        guard usedCount * 2 < names.count else { return (names, fingerprints) }
        var renumber = [Int32](repeating: -1, count: names.count)
        var newSlices: [String] = [], newFingerprints: [UInt64] = []
        for i in 0..<names.count where used[i] {
            renumber[i] = Int32(newSlices.count)
            newSlices.append(names[i])
            newFingerprints.append(fingerprints[i])
        }
        for key in outputs.keys { outputs[key]!.deps = outputs[key]!.deps.map { renumber[Int($0)] } }
        return (SliceNames(newSlices), newFingerprints)
    }
}

